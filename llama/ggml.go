package llama

/*
#include <stdlib.h>
#include "ggml.h"

static int dg_to_float(enum ggml_type t, const void *src, float *dst, int64_t n) {
	const struct ggml_type_traits *tr = ggml_get_type_traits(t);
	if (tr == NULL || tr->to_float == NULL) return -1;
	tr->to_float(src, dst, n);
	return 0;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// ggml exposes ggml's own (de)quantisation kernels so that pure-Go code
// (package gguf) can be checked against them bit for bit.

// ggmlRowBytes returns the bytes of n elements of type typ, or an error if
// n is not a whole number of blocks.
func ggmlRowBytes(typ int, n int) (int, error) {
	if typ < 0 || typ >= int(C.GGML_TYPE_COUNT) {
		return 0, fmt.Errorf("ggml type %d out of range", typ)
	}
	bs := int(C.ggml_blck_size(C.enum_ggml_type(typ)))
	if bs <= 0 || n%bs != 0 {
		return 0, fmt.Errorf("%d elements are not whole blocks of %d", n, bs)
	}
	return int(C.ggml_row_size(C.enum_ggml_type(typ), C.int64_t(n))), nil
}

// DequantizeGGML converts n elements of ggml type typ (ggml's enum value)
// to float32 with ggml's own CPU kernel.
func DequantizeGGML(typ int, data []byte, n int) ([]float32, error) {
	size, err := ggmlRowBytes(typ, n)
	if err != nil {
		return nil, fmt.Errorf("dequantize: %w", err)
	}
	if len(data) != size || n == 0 {
		return nil, fmt.Errorf("dequantize: %d bytes for %d elements of type %d, want %d", len(data), n, typ, size)
	}
	out := make([]float32, n)
	if C.dg_to_float(C.enum_ggml_type(typ), unsafe.Pointer(&data[0]), (*C.float)(unsafe.Pointer(&out[0])), C.int64_t(n)) != 0 {
		return nil, fmt.Errorf("dequantize: ggml has no to_float for type %d", typ)
	}
	return out, nil
}

// QuantizeGGML quantises rows of nPerRow floats to ggml type typ with
// ggml_quantize_chunk (no importance matrix).
func QuantizeGGML(typ int, src []float32, nPerRow int) ([]byte, error) {
	rowBytes, err := ggmlRowBytes(typ, nPerRow)
	if err != nil {
		return nil, fmt.Errorf("quantize: %w", err)
	}
	if nPerRow <= 0 || len(src) == 0 || len(src)%nPerRow != 0 {
		return nil, fmt.Errorf("quantize: %d floats are not whole rows of %d", len(src), nPerRow)
	}
	if bool(C.ggml_quantize_requires_imatrix(C.enum_ggml_type(typ))) {
		return nil, fmt.Errorf("quantize: type %d needs an importance matrix", typ)
	}
	rows := len(src) / nPerRow
	dst := make([]byte, rows*rowBytes)
	C.ggml_quantize_init(C.enum_ggml_type(typ))
	C.ggml_quantize_chunk(C.enum_ggml_type(typ), (*C.float)(unsafe.Pointer(&src[0])), unsafe.Pointer(&dst[0]), 0,
		C.int64_t(rows), C.int64_t(nPerRow), nil)
	return dst, nil
}
