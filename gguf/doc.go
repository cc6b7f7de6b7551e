// Package gguf reads and writes GGUF files (versions 2 and 3), the container
// format of ggml and llama.cpp, and dequantises ggml's tensor encodings to
// float32.
//
// The package is pure Go and knows nothing about model architectures,
// tokenizers, LoRA or training: it deals in key/value metadata, tensor
// descriptions and raw tensor bytes.
//
// # Layout of a GGUF file
//
//	magic "GGUF" | version u32 | tensor count i64 | kv count i64
//	kv pairs:     key string | value type i32 | value
//	tensor infos: name string | n_dims u32 | ne[n_dims] i64 | ggml type i32 | offset u64
//	padding to general.alignment (u32, default 32)
//	tensor data, each tensor at an aligned offset relative to the data start
//
// Strings are a u64 byte length followed by the bytes (no terminator); all
// numbers are little-endian. ne[0] is the contiguous (innermost) dimension.
//
// # Reading
//
// [Open] and [Read] parse the header, the metadata and the tensor
// descriptions; tensor bytes are read lazily through an [io.ReaderAt] with
// [File.TensorData] or dequantised with [File.TensorFloat32]. The reader is
// hardened against truncated, corrupt and hostile input: every length is
// checked against the bytes that remain before anything is allocated, so a
// bad file yields an error rather than a panic or a huge allocation.
//
// # Writing
//
// A [Builder] collects ordered metadata and tensors (float32, float16 or raw
// already-encoded bytes, optionally produced lazily at write time) and writes
// a GGUF v3 file laid out exactly as ggml's gguf_write_to_file does.
// [WriteF32Copy] copies a model with its tensors dequantised to float32.
//
// # Dequantisation
//
// [Dequantize] mirrors ggml's reference dequantize_row_* functions
// (ggml-quants.c) operation by operation and is bit-identical to them; all
// intermediate products are exact in float32, so the result does not depend
// on whether either compiler contracts a*b+c into a fused multiply-add.
package gguf
