package llama

/*
#include "helpers.h"
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// FileType is the target of Quantize (llama.cpp's llama_ftype).
type FileType int

// File types domaingen produces.
const (
	FileTypeF32   FileType = C.LLAMA_FTYPE_ALL_F32
	FileTypeF16   FileType = C.LLAMA_FTYPE_MOSTLY_F16
	FileTypeQ8_0  FileType = C.LLAMA_FTYPE_MOSTLY_Q8_0
	FileTypeQ4_KM FileType = C.LLAMA_FTYPE_MOSTLY_Q4_K_M
	FileTypeQ4_1  FileType = C.LLAMA_FTYPE_MOSTLY_Q4_1
)

// ParseFileType maps a name such as "Q8_0" or "q4_k_m" to a FileType.
func ParseFileType(name string) (FileType, error) {
	switch name {
	case "F32", "f32":
		return FileTypeF32, nil
	case "F16", "f16":
		return FileTypeF16, nil
	case "Q8_0", "q8_0":
		return FileTypeQ8_0, nil
	case "Q4_K_M", "q4_k_m":
		return FileTypeQ4_KM, nil
	case "Q4_1", "q4_1":
		return FileTypeQ4_1, nil
	}
	return 0, fmt.Errorf("unknown file type %q (want F32, F16, Q8_0, Q4_K_M or Q4_1)", name)
}

// Quantize writes the model in src to dst with its weights converted to
// ftype, through llama_model_quantize. threads <= 0 means FreeCores().
// allowRequantize permits quantizing already-quantized tensors (lossy).
func Quantize(src, dst string, ftype FileType, threads int, allowRequantize bool) error {
	initBackend()
	if err := checkGGUF(src); err != nil {
		return fmt.Errorf("quantize %s: %w", src, err)
	}
	if threads <= 0 {
		threads = FreeCores()
	}
	params := C.llama_model_quantize_default_params()
	params.nthread = C.int32_t(threads)
	params.ftype = C.enum_llama_ftype(ftype)
	params.allow_requantize = C.bool(allowRequantize)
	csrc := C.CString(src)
	defer C.free(unsafe.Pointer(csrc))
	cdst := C.CString(dst)
	defer C.free(unsafe.Pointer(cdst))
	if rc := C.llama_model_quantize(csrc, cdst, &params); rc != 0 {
		return fmt.Errorf("quantize %s to %s: %s", src, dst, takeLastError())
	}
	return nil
}
