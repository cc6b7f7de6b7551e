// Package lora is domaingen's native LoRA trainer core: a llama-family
// transformer (llama, qwen2) in pure Go, forward and hand-written backward,
// with low-rank adapters on the linear layers of every block and export to
// the GGUF adapter format llama.cpp loads.
//
// It sees token ids only (no tokenizer, no chat template) and never imports
// package llama: the base model is read from GGUF by package gguf and
// dequantised to float32, frozen.
//
// # Layout
//
// Activations are row-major (N, width) with N = B·T tokens, token t of
// sequence b at row b·T+t. A weight with ggml ne {in, out} is row-major
// (out, in), so a linear layer is y = x·Wᵀ; LoRA adds s·(x·Aᵀ)·Bᵀ with A
// (r, in), B (out, r), s = alpha/r, exactly llama.cpp's
// y = W x + scale·B(A x). Attention probabilities are kept per (b, head) as
// the causal lower triangle of a (T, T) matrix.
//
// # Numerics
//
// Every op (embedding, RMSNorm, linear, LoRA, dropout, RoPE, causal
// grouped-query attention, SwiGLU, residual, cross-entropy) is a small flat
// kernel with its backward right below it in ops.go; forward and backward
// in model.go read as recipes. The kernels are generic over float32 and
// float64: the float64 instantiation is the "shadow" the gradient checks
// difference. The logits agree with llama.cpp (F32 model, F32 KV cache) to
// about 1e-6 of the largest logit; see docs/trainer.md.
//
// # Speed
//
// Matmuls go through one packed gemm (BLIS loop order) with an AVX2+FMA
// assembly micro-kernel (6×16, float32) where the CPU has it and a portable
// Go 4×4 kernel otherwise; with the assembly kernel the frozen weights are
// packed for it when the Base is loaded, and only the packed copies kept.
// There is no cgo here: the assembly is plain Go assembler.
package lora
