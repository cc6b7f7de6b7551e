package gguf

import (
	"fmt"
	"math"
)

// Type is a ggml tensor type. Its numeric values equal ggml's enum ggml_type
// (ggml.h), which is also how GGUF stores them, so a Type can be passed to
// ggml as is.
type Type uint32

// The ggml tensor types. Ids 4, 5, 31-33 and 36-38 belong to removed types
// and are not valid in GGUF files.
const (
	TypeF32     Type = 0
	TypeF16     Type = 1
	TypeQ4_0    Type = 2
	TypeQ4_1    Type = 3
	TypeQ5_0    Type = 6
	TypeQ5_1    Type = 7
	TypeQ8_0    Type = 8
	TypeQ8_1    Type = 9
	TypeQ2_K    Type = 10
	TypeQ3_K    Type = 11
	TypeQ4_K    Type = 12
	TypeQ5_K    Type = 13
	TypeQ6_K    Type = 14
	TypeQ8_K    Type = 15
	TypeIQ2_XXS Type = 16
	TypeIQ2_XS  Type = 17
	TypeIQ3_XXS Type = 18
	TypeIQ1_S   Type = 19
	TypeIQ4_NL  Type = 20
	TypeIQ3_S   Type = 21
	TypeIQ2_S   Type = 22
	TypeIQ4_XS  Type = 23
	TypeI8      Type = 24
	TypeI16     Type = 25
	TypeI32     Type = 26
	TypeI64     Type = 27
	TypeF64     Type = 28
	TypeIQ1_M   Type = 29
	TypeBF16    Type = 30
	TypeTQ1_0   Type = 34
	TypeTQ2_0   Type = 35
	TypeMXFP4   Type = 39

	// typeCount is GGML_TYPE_COUNT: every valid id is below it.
	typeCount Type = 40
)

// qkK is QK_K, the super-block size of the k-quants.
const qkK = 256

// typeTraits is the subset of ggml's type_traits (ggml.c) the format needs.
type typeTraits struct {
	name      string
	blockSize int // elements per block (blck_size)
	typeSize  int // bytes per block (type_size)
}

// traits mirrors ggml.c's type_traits table: block sizes and the sizeof of
// the block structs in ggml-common.h. Removed ids have a zero block size.
var traits = [typeCount]typeTraits{
	TypeF32:     {"f32", 1, 4},
	TypeF16:     {"f16", 1, 2},
	TypeQ4_0:    {"q4_0", 32, 2 + 16},
	TypeQ4_1:    {"q4_1", 32, 2*2 + 16},
	4:           {"DEPRECATED", 0, 0},
	5:           {"DEPRECATED", 0, 0},
	TypeQ5_0:    {"q5_0", 32, 2 + 4 + 16},
	TypeQ5_1:    {"q5_1", 32, 2*2 + 4 + 16},
	TypeQ8_0:    {"q8_0", 32, 2 + 32},
	TypeQ8_1:    {"q8_1", 32, 2*2 + 32},
	TypeQ2_K:    {"q2_K", qkK, 2*2 + qkK/16 + qkK/4},
	TypeQ3_K:    {"q3_K", qkK, 2 + qkK/4 + qkK/8 + 12},
	TypeQ4_K:    {"q4_K", qkK, 2*2 + 12 + qkK/2},
	TypeQ5_K:    {"q5_K", qkK, 2*2 + 12 + qkK/2 + qkK/8},
	TypeQ6_K:    {"q6_K", qkK, 2 + qkK/16 + 3*qkK/4},
	TypeQ8_K:    {"q8_K", qkK, 4 + qkK + qkK/16*2},
	TypeIQ2_XXS: {"iq2_xxs", qkK, 2 + qkK/8*2},
	TypeIQ2_XS:  {"iq2_xs", qkK, 2 + qkK/8*2 + qkK/32},
	TypeIQ3_XXS: {"iq3_xxs", qkK, 2 + 3*(qkK/8)},
	TypeIQ1_S:   {"iq1_s", qkK, 2 + qkK/8 + qkK/16},
	TypeIQ4_NL:  {"iq4_nl", 32, 2 + 16},
	TypeIQ3_S:   {"iq3_s", qkK, 2 + 13*(qkK/32) + qkK/64},
	TypeIQ2_S:   {"iq2_s", qkK, 2 + qkK/4 + qkK/16},
	TypeIQ4_XS:  {"iq4_xs", qkK, 2 + 2 + qkK/64 + qkK/2},
	TypeI8:      {"i8", 1, 1},
	TypeI16:     {"i16", 1, 2},
	TypeI32:     {"i32", 1, 4},
	TypeI64:     {"i64", 1, 8},
	TypeF64:     {"f64", 1, 8},
	TypeIQ1_M:   {"iq1_m", qkK, qkK/8 + qkK/16 + qkK/32},
	TypeBF16:    {"bf16", 1, 2},
	31:          {"TYPE_Q4_0_4_4 REMOVED", 0, 0},
	32:          {"TYPE_Q4_0_4_8 REMOVED", 0, 0},
	33:          {"TYPE_Q4_0_8_8 REMOVED", 0, 0},
	TypeTQ1_0:   {"tq1_0", qkK, 2 + qkK/64 + (qkK-4*qkK/64)/5},
	TypeTQ2_0:   {"tq2_0", qkK, 2 + qkK/4},
	36:          {"TYPE_IQ4_NL_4_4 REMOVED", 0, 0},
	37:          {"TYPE_IQ4_NL_4_8 REMOVED", 0, 0},
	38:          {"TYPE_IQ4_NL_8_8 REMOVED", 0, 0},
	TypeMXFP4:   {"mxfp4", 32, 1 + 16},
}

// Valid reports whether t is a ggml type that may appear in a GGUF file
// (known id, non-zero block size).
func (t Type) Valid() bool {
	return t < typeCount && traits[t].blockSize > 0
}

// String returns ggml's name for the type ("f32", "q4_K", ...), or
// "type(N)" for an unknown id.
func (t Type) String() string {
	if t < typeCount && traits[t].name != "" {
		return traits[t].name
	}
	return fmt.Sprintf("type(%d)", uint32(t))
}

// BlockSize returns the number of elements in one block of the type
// (ggml_blck_size); 0 for an invalid type.
func (t Type) BlockSize() int {
	if t < typeCount {
		return traits[t].blockSize
	}
	return 0
}

// TypeSize returns the number of bytes of one block of the type
// (ggml_type_size); 0 for an invalid type.
func (t Type) TypeSize() int {
	if t < typeCount {
		return traits[t].typeSize
	}
	return 0
}

// IsQuantized reports whether the type is a block-quantised type (block size
// above one).
func (t Type) IsQuantized() bool {
	return t.BlockSize() > 1
}

// RowSize returns the number of bytes taken by ne0 contiguous elements of
// the type (ggml_row_size). It fails when the type is invalid, ne0 is
// negative or not a multiple of the block size, or the size overflows int64.
func (t Type) RowSize(ne0 int64) (int64, error) {
	if !t.Valid() {
		return 0, fmt.Errorf("gguf: invalid tensor type %s", t)
	}
	bs := int64(t.BlockSize())
	if ne0 < 0 || ne0%bs != 0 {
		return 0, fmt.Errorf("gguf: %d elements of type %s: not a non-negative multiple of the block size %d", ne0, t, bs)
	}
	blocks := ne0 / bs
	ts := int64(t.TypeSize())
	if blocks > math.MaxInt64/ts {
		return 0, fmt.Errorf("gguf: %d elements of type %s: size overflows", ne0, t)
	}
	return blocks * ts, nil
}

// tensorSize returns the number of elements and bytes of a contiguous tensor
// of type t and shape ne (ggml order), checking that every dimension is
// non-negative, ne[0] is a multiple of the block size and neither the element
// count nor the byte size overflows int64.
func tensorSize(t Type, ne []int64) (elems, size int64, err error) {
	if !t.Valid() {
		return 0, 0, fmt.Errorf("invalid tensor type %s", t)
	}
	if len(ne) > MaxDims {
		return 0, 0, fmt.Errorf("%d dimensions, at most %d allowed", len(ne), MaxDims)
	}
	elems = 1
	for i, n := range ne {
		if n < 0 {
			return 0, 0, fmt.Errorf("dimension %d is negative (%d)", i, n)
		}
		if n != 0 && elems > math.MaxInt64/n {
			return 0, 0, fmt.Errorf("element count of shape %v overflows", ne)
		}
		elems *= n
	}
	ne0 := int64(1)
	if len(ne) > 0 {
		ne0 = ne[0]
	}
	rowSize, err := t.RowSize(ne0)
	if err != nil {
		return 0, 0, fmt.Errorf("row of shape %v: %w", ne, err)
	}
	if ne0 == 0 || elems == 0 {
		return elems, 0, nil
	}
	rows := elems / ne0
	if rows > math.MaxInt64/max(rowSize, 1) {
		return 0, 0, fmt.Errorf("byte size of shape %v overflows", ne)
	}
	return elems, rows * rowSize, nil
}
