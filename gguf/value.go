package gguf

import (
	"errors"
	"fmt"
	"math"
)

// ValueType is the type of a metadata value. Its numeric values equal
// gguf.h's enum gguf_type.
type ValueType uint32

// The metadata value types.
const (
	ValueUint8   ValueType = 0
	ValueInt8    ValueType = 1
	ValueUint16  ValueType = 2
	ValueInt16   ValueType = 3
	ValueUint32  ValueType = 4
	ValueInt32   ValueType = 5
	ValueFloat32 ValueType = 6
	ValueBool    ValueType = 7
	ValueString  ValueType = 8
	ValueArray   ValueType = 9
	ValueUint64  ValueType = 10
	ValueInt64   ValueType = 11
	ValueFloat64 ValueType = 12

	valueTypeCount ValueType = 13
)

var valueTypeNames = [valueTypeCount]string{
	"u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool", "str", "arr", "u64", "i64", "f64",
}

// valueTypeSizes gives the encoded size of the fixed-size value types; 0 for
// strings and arrays.
var valueTypeSizes = [valueTypeCount]int{1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8}

// Valid reports whether t is a known value type.
func (t ValueType) Valid() bool { return t < valueTypeCount }

// String returns gguf's short name of the type ("u32", "str", "arr", ...).
func (t ValueType) String() string {
	if t.Valid() {
		return valueTypeNames[t]
	}
	return fmt.Sprintf("gguf_type(%d)", uint32(t))
}

// Value is one metadata value: a scalar, a string or a homogeneous array
// (possibly of arrays). The zero Value is invalid. Values are immutable;
// build them with the typed constructors or [NewValue].
type Value struct {
	typ  ValueType // ValueArray for arrays
	elem ValueType // element type of an array
	// v holds uint8, int8, uint16, int16, uint32, int32, float32, bool,
	// string, uint64, int64 or float64 for scalars, and []uint8 ... []float64,
	// []bool, []string or []Value (nested arrays, all of type ValueArray) for
	// arrays.
	v any
}

// Uint8 returns a u8 value.
func Uint8(v uint8) Value { return Value{typ: ValueUint8, v: v} }

// Int8 returns an i8 value.
func Int8(v int8) Value { return Value{typ: ValueInt8, v: v} }

// Uint16 returns a u16 value.
func Uint16(v uint16) Value { return Value{typ: ValueUint16, v: v} }

// Int16 returns an i16 value.
func Int16(v int16) Value { return Value{typ: ValueInt16, v: v} }

// Uint32 returns a u32 value.
func Uint32(v uint32) Value { return Value{typ: ValueUint32, v: v} }

// Int32 returns an i32 value.
func Int32(v int32) Value { return Value{typ: ValueInt32, v: v} }

// Float32 returns an f32 value.
func Float32(v float32) Value { return Value{typ: ValueFloat32, v: v} }

// Bool returns a bool value.
func Bool(v bool) Value { return Value{typ: ValueBool, v: v} }

// String returns a string value.
func String(v string) Value { return Value{typ: ValueString, v: v} }

// Uint64 returns a u64 value.
func Uint64(v uint64) Value { return Value{typ: ValueUint64, v: v} }

// Int64 returns an i64 value.
func Int64(v int64) Value { return Value{typ: ValueInt64, v: v} }

// Float64 returns an f64 value.
func Float64(v float64) Value { return Value{typ: ValueFloat64, v: v} }

// Array returns an array value of the given Go slice, which must be one of
// []uint8, []int8, []uint16, []int16, []uint32, []int32, []float32, []bool,
// []string, []uint64, []int64 or []float64. The slice is not copied: do not
// modify it afterwards.
func Array[T uint8 | int8 | uint16 | int16 | uint32 | int32 | float32 | bool | string | uint64 | int64 | float64](vs []T) Value {
	v, err := NewValue(vs)
	if err != nil {
		panic(err) // unreachable: every T of the constraint is accepted
	}
	return v
}

// NestedArray returns an array whose elements are arrays (GGUF allows
// arrays of arrays; the inner arrays may differ in element type and length).
// It fails if an element is not an array.
func NestedArray(elems ...Value) (Value, error) {
	for i, e := range elems {
		if e.typ != ValueArray {
			return Value{}, fmt.Errorf("gguf: nested array element %d is %s, not an array", i, e.typ)
		}
	}
	return Value{typ: ValueArray, elem: ValueArray, v: elems}, nil
}

// NewValue wraps a Go value: one of the scalar types uint8, int8, uint16,
// int16, uint32, int32, float32, bool, string, uint64, int64, float64, a
// slice of one of them (an array), a []Value of arrays (a nested array) or a
// Value (returned as is). Go's untyped int, uint and float64 constants are
// deliberately not guessed at: int and uint are rejected, so the caller must
// pick the width explicitly.
func NewValue(v any) (Value, error) {
	switch x := v.(type) {
	case Value:
		if !x.typ.Valid() || x.v == nil {
			return Value{}, errors.New("gguf: invalid zero Value")
		}
		return x, nil
	case uint8:
		return Uint8(x), nil
	case int8:
		return Int8(x), nil
	case uint16:
		return Uint16(x), nil
	case int16:
		return Int16(x), nil
	case uint32:
		return Uint32(x), nil
	case int32:
		return Int32(x), nil
	case float32:
		return Float32(x), nil
	case bool:
		return Bool(x), nil
	case string:
		return String(x), nil
	case uint64:
		return Uint64(x), nil
	case int64:
		return Int64(x), nil
	case float64:
		return Float64(x), nil
	case []uint8:
		return Value{typ: ValueArray, elem: ValueUint8, v: x}, nil
	case []int8:
		return Value{typ: ValueArray, elem: ValueInt8, v: x}, nil
	case []uint16:
		return Value{typ: ValueArray, elem: ValueUint16, v: x}, nil
	case []int16:
		return Value{typ: ValueArray, elem: ValueInt16, v: x}, nil
	case []uint32:
		return Value{typ: ValueArray, elem: ValueUint32, v: x}, nil
	case []int32:
		return Value{typ: ValueArray, elem: ValueInt32, v: x}, nil
	case []float32:
		return Value{typ: ValueArray, elem: ValueFloat32, v: x}, nil
	case []bool:
		return Value{typ: ValueArray, elem: ValueBool, v: x}, nil
	case []string:
		return Value{typ: ValueArray, elem: ValueString, v: x}, nil
	case []uint64:
		return Value{typ: ValueArray, elem: ValueUint64, v: x}, nil
	case []int64:
		return Value{typ: ValueArray, elem: ValueInt64, v: x}, nil
	case []float64:
		return Value{typ: ValueArray, elem: ValueFloat64, v: x}, nil
	case []Value:
		return NestedArray(x...)
	default:
		return Value{}, fmt.Errorf("gguf: unsupported metadata value type %T", v)
	}
}

// Type returns the value's type (ValueArray for arrays).
func (v Value) Type() ValueType { return v.typ }

// ElemType returns the element type of an array value (ValueArray for an
// array of arrays); it is meaningless for scalars.
func (v Value) ElemType() ValueType { return v.elem }

// Len returns the number of elements of an array value, or 1 for a scalar.
func (v Value) Len() int {
	if v.typ != ValueArray {
		return 1
	}
	switch x := v.v.(type) {
	case []uint8:
		return len(x)
	case []int8:
		return len(x)
	case []uint16:
		return len(x)
	case []int16:
		return len(x)
	case []uint32:
		return len(x)
	case []int32:
		return len(x)
	case []float32:
		return len(x)
	case []bool:
		return len(x)
	case []string:
		return len(x)
	case []uint64:
		return len(x)
	case []int64:
		return len(x)
	case []float64:
		return len(x)
	case []Value:
		return len(x)
	}
	return 0
}

// Interface returns the Go value held: a scalar of the matching Go type, or
// for arrays a slice ([]uint32, []string, ..., or []Value for arrays of
// arrays). The slice is shared: do not modify it.
func (v Value) Interface() any { return v.v }

// String formats the value for humans; long arrays are abbreviated.
func (v Value) String() string {
	if v.typ != ValueArray {
		if s, ok := v.v.(string); ok {
			return fmt.Sprintf("%q", s)
		}
		return fmt.Sprint(v.v)
	}
	return fmt.Sprintf("[%s × %d]", v.elem, v.Len())
}

// Int returns the value as an int64 if it is a scalar of any integer type
// whose value fits.
func (v Value) Int() (int64, bool) {
	switch x := v.v.(type) {
	case uint8:
		return int64(x), true
	case int8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case int16:
		return int64(x), true
	case uint32:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
	}
	return 0, false
}

// KV is one metadata key/value pair.
type KV struct {
	Key   string
	Value Value
}

// ErrKeyNotFound is returned (wrapped) by Metadata accessors when the key is
// absent.
var ErrKeyNotFound = errors.New("gguf: metadata key not found")

// ErrWrongType is returned (wrapped) by Metadata accessors when the key holds
// a value of another type.
var ErrWrongType = errors.New("gguf: metadata value has another type")

// Metadata is an ordered list of unique keys with their values. The zero
// value is an empty, usable list.
type Metadata struct {
	kvs   []KV
	index map[string]int
}

// Len returns the number of pairs.
func (m *Metadata) Len() int { return len(m.kvs) }

// KVs returns the pairs in order. The slice is shared: do not modify it.
func (m *Metadata) KVs() []KV { return m.kvs }

// Keys returns the keys in order.
func (m *Metadata) Keys() []string {
	keys := make([]string, len(m.kvs))
	for i, kv := range m.kvs {
		keys[i] = kv.Key
	}
	return keys
}

// Get returns the value of key.
func (m *Metadata) Get(key string) (Value, bool) {
	i, ok := m.index[key]
	if !ok {
		return Value{}, false
	}
	return m.kvs[i].Value, true
}

// Has reports whether key is present.
func (m *Metadata) Has(key string) bool {
	_, ok := m.index[key]
	return ok
}

// Set sets key to v: in place if the key exists (keeping its position),
// otherwise appended. It fails for an empty or over-long key or an invalid
// value (see [Builder] for the limits).
func (m *Metadata) Set(key string, v Value) error {
	if err := validateKey(key); err != nil {
		return err
	}
	if err := validateValue(v, 0); err != nil {
		return fmt.Errorf("gguf: metadata key %q: %w", key, err)
	}
	m.set(key, v)
	return nil
}

// set stores a pair without validation.
func (m *Metadata) set(key string, v Value) {
	if m.index == nil {
		m.index = make(map[string]int)
	}
	if i, ok := m.index[key]; ok {
		m.kvs[i].Value = v
		return
	}
	m.index[key] = len(m.kvs)
	m.kvs = append(m.kvs, KV{Key: key, Value: v})
}

// Delete removes key if present, keeping the order of the rest.
func (m *Metadata) Delete(key string) {
	i, ok := m.index[key]
	if !ok {
		return
	}
	m.kvs = append(m.kvs[:i], m.kvs[i+1:]...)
	delete(m.index, key)
	for j := i; j < len(m.kvs); j++ {
		m.index[m.kvs[j].Key] = j
	}
}

// Clone returns a copy of the list (values are immutable and shared).
func (m *Metadata) Clone() Metadata {
	c := Metadata{kvs: append([]KV(nil), m.kvs...), index: make(map[string]int, len(m.kvs))}
	for i, kv := range c.kvs {
		c.index[kv.Key] = i
	}
	return c
}

// lookup returns the Go value of key if it exists with type typ (scalar) or
// as an array of elem typ (when array is true).
func (m *Metadata) lookup(key string, typ ValueType, array bool) (any, error) {
	v, ok := m.Get(key)
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrKeyNotFound, key)
	}
	if array {
		if v.typ != ValueArray || v.elem != typ {
			return nil, fmt.Errorf("%w: %q is %s, want array of %s", ErrWrongType, key, describe(v), typ)
		}
	} else if v.typ != typ {
		return nil, fmt.Errorf("%w: %q is %s, want %s", ErrWrongType, key, describe(v), typ)
	}
	return v.v, nil
}

// describe names a value's type, including an array's element type.
func describe(v Value) string {
	if v.typ == ValueArray {
		return "array of " + v.elem.String()
	}
	return v.typ.String()
}

// metaGet returns the scalar of type T stored at key.
func metaGet[T any](m *Metadata, key string, typ ValueType) (T, error) {
	x, err := m.lookup(key, typ, false)
	if err != nil {
		var zero T
		return zero, err
	}
	return x.(T), nil
}

// metaGetArray returns the array of element type T stored at key.
func metaGetArray[T any](m *Metadata, key string, typ ValueType) ([]T, error) {
	x, err := m.lookup(key, typ, true)
	if err != nil {
		return nil, err
	}
	return x.([]T), nil
}

// Uint8 returns the u8 value of key.
func (m *Metadata) Uint8(key string) (uint8, error) { return metaGet[uint8](m, key, ValueUint8) }

// Int8 returns the i8 value of key.
func (m *Metadata) Int8(key string) (int8, error) { return metaGet[int8](m, key, ValueInt8) }

// Uint16 returns the u16 value of key.
func (m *Metadata) Uint16(key string) (uint16, error) {
	return metaGet[uint16](m, key, ValueUint16)
}

// Int16 returns the i16 value of key.
func (m *Metadata) Int16(key string) (int16, error) { return metaGet[int16](m, key, ValueInt16) }

// Uint32 returns the u32 value of key.
func (m *Metadata) Uint32(key string) (uint32, error) {
	return metaGet[uint32](m, key, ValueUint32)
}

// Int32 returns the i32 value of key.
func (m *Metadata) Int32(key string) (int32, error) { return metaGet[int32](m, key, ValueInt32) }

// Uint64 returns the u64 value of key.
func (m *Metadata) Uint64(key string) (uint64, error) {
	return metaGet[uint64](m, key, ValueUint64)
}

// Int64 returns the i64 value of key.
func (m *Metadata) Int64(key string) (int64, error) { return metaGet[int64](m, key, ValueInt64) }

// Float32 returns the f32 value of key.
func (m *Metadata) Float32(key string) (float32, error) {
	return metaGet[float32](m, key, ValueFloat32)
}

// Float64 returns the f64 value of key.
func (m *Metadata) Float64(key string) (float64, error) {
	return metaGet[float64](m, key, ValueFloat64)
}

// Bool returns the bool value of key.
func (m *Metadata) Bool(key string) (bool, error) { return metaGet[bool](m, key, ValueBool) }

// String returns the string value of key.
func (m *Metadata) String(key string) (string, error) {
	return metaGet[string](m, key, ValueString)
}

// Int returns the value of key as an int64 when it is a scalar of any
// integer type (u8 ... i64) whose value fits, which tolerates writers that
// pick different integer widths for the same key.
func (m *Metadata) Int(key string) (int64, error) {
	v, ok := m.Get(key)
	if !ok {
		return 0, fmt.Errorf("%w: %q", ErrKeyNotFound, key)
	}
	n, ok := v.Int()
	if !ok {
		return 0, fmt.Errorf("%w: %q is %s, want an integer", ErrWrongType, key, describe(v))
	}
	return n, nil
}

// Strings returns the string array of key. The slice is shared: do not
// modify it.
func (m *Metadata) Strings(key string) ([]string, error) {
	return metaGetArray[string](m, key, ValueString)
}

// Float32s returns the f32 array of key. The slice is shared.
func (m *Metadata) Float32s(key string) ([]float32, error) {
	return metaGetArray[float32](m, key, ValueFloat32)
}

// Int32s returns the i32 array of key. The slice is shared.
func (m *Metadata) Int32s(key string) ([]int32, error) {
	return metaGetArray[int32](m, key, ValueInt32)
}

// Uint32s returns the u32 array of key. The slice is shared.
func (m *Metadata) Uint32s(key string) ([]uint32, error) {
	return metaGetArray[uint32](m, key, ValueUint32)
}

// Int64s returns the i64 array of key. The slice is shared.
func (m *Metadata) Int64s(key string) ([]int64, error) {
	return metaGetArray[int64](m, key, ValueInt64)
}

// Uint8s returns the u8 array of key. The slice is shared.
func (m *Metadata) Uint8s(key string) ([]uint8, error) {
	return metaGetArray[uint8](m, key, ValueUint8)
}

// Limits on metadata, shared by the reader and the writer so that whatever
// the writer produces the reader accepts.
const (
	// MaxKeyLen is the longest metadata key accepted, in bytes.
	MaxKeyLen = 1 << 20
	// MaxStringLen is the longest metadata string value accepted, in bytes.
	MaxStringLen = 64 << 20
	// MaxArrayDepth is the deepest nesting of arrays accepted (an array of
	// scalars has depth 1).
	MaxArrayDepth = 8
)

// validateKey checks a metadata key.
func validateKey(key string) error {
	if key == "" {
		return errors.New("gguf: empty metadata key")
	}
	if len(key) > MaxKeyLen {
		return fmt.Errorf("gguf: metadata key of %d bytes exceeds %d", len(key), MaxKeyLen)
	}
	return nil
}

// validateValue checks that v is well formed: a known type, a Go value that
// matches it, strings within MaxStringLen and arrays within MaxArrayDepth.
// depth is the number of enclosing arrays.
func validateValue(v Value, depth int) error {
	if !v.typ.Valid() {
		return fmt.Errorf("invalid value type %s", v.typ)
	}
	want := v.typ
	if v.typ == ValueArray {
		if depth+1 > MaxArrayDepth {
			return fmt.Errorf("arrays nested deeper than %d", MaxArrayDepth)
		}
		want = v.elem
	}
	ok := false
	switch x := v.v.(type) {
	case uint8:
		ok = want == ValueUint8 && v.typ != ValueArray
	case int8:
		ok = want == ValueInt8 && v.typ != ValueArray
	case uint16:
		ok = want == ValueUint16 && v.typ != ValueArray
	case int16:
		ok = want == ValueInt16 && v.typ != ValueArray
	case uint32:
		ok = want == ValueUint32 && v.typ != ValueArray
	case int32:
		ok = want == ValueInt32 && v.typ != ValueArray
	case float32:
		ok = want == ValueFloat32 && v.typ != ValueArray
	case bool:
		ok = want == ValueBool && v.typ != ValueArray
	case uint64:
		ok = want == ValueUint64 && v.typ != ValueArray
	case int64:
		ok = want == ValueInt64 && v.typ != ValueArray
	case float64:
		ok = want == ValueFloat64 && v.typ != ValueArray
	case string:
		if len(x) > MaxStringLen {
			return fmt.Errorf("string of %d bytes exceeds %d", len(x), MaxStringLen)
		}
		ok = want == ValueString && v.typ != ValueArray
	case []uint8:
		ok = v.typ == ValueArray && want == ValueUint8
	case []int8:
		ok = v.typ == ValueArray && want == ValueInt8
	case []uint16:
		ok = v.typ == ValueArray && want == ValueUint16
	case []int16:
		ok = v.typ == ValueArray && want == ValueInt16
	case []uint32:
		ok = v.typ == ValueArray && want == ValueUint32
	case []int32:
		ok = v.typ == ValueArray && want == ValueInt32
	case []float32:
		ok = v.typ == ValueArray && want == ValueFloat32
	case []bool:
		ok = v.typ == ValueArray && want == ValueBool
	case []uint64:
		ok = v.typ == ValueArray && want == ValueUint64
	case []int64:
		ok = v.typ == ValueArray && want == ValueInt64
	case []float64:
		ok = v.typ == ValueArray && want == ValueFloat64
	case []string:
		for i, s := range x {
			if len(s) > MaxStringLen {
				return fmt.Errorf("string %d of %d bytes exceeds %d", i, len(s), MaxStringLen)
			}
		}
		ok = v.typ == ValueArray && want == ValueString
	case []Value:
		if v.typ != ValueArray || want != ValueArray {
			break
		}
		for i, e := range x {
			if e.typ != ValueArray {
				return fmt.Errorf("nested array element %d is %s, not an array", i, e.typ)
			}
			if err := validateValue(e, depth+1); err != nil {
				return fmt.Errorf("nested array element %d: %w", i, err)
			}
		}
		ok = true
	}
	if !ok {
		return fmt.Errorf("value of Go type %T does not match %s", v.v, describe(v))
	}
	return nil
}
