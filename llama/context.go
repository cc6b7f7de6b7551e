package llama

/*
#include "helpers.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"unsafe"
)

// ContextParams configures a Context. Zero values mean defaults.
type ContextParams struct {
	// NCtx is the number of KV-cache cells shared by all sequences
	// (default 2048, at most the model's training context).
	NCtx int
	// NBatch is the most tokens one Decode call may carry (default 512).
	NBatch int
	// NSeqMax is the most sequences decoded together (default 1, at most 64).
	NSeqMax int
	// Threads for decoding (default FreeCores()).
	Threads int
	// KVF32 keeps the KV cache in F32 instead of F16: slower, but exact
	// enough for logit-parity tests.
	KVF32 bool
	// FlashAttention enables flash attention (off by default: on the CPU it
	// brings little for a model this small and changes numerics slightly).
	FlashAttention bool
}

func (p ContextParams) withDefaults(m *Model) ContextParams {
	if p.NCtx <= 0 {
		p.NCtx = 2048
	}
	if m.info.NCtxTrain > 0 && p.NCtx > m.info.NCtxTrain {
		p.NCtx = m.info.NCtxTrain
	}
	if p.NBatch <= 0 {
		p.NBatch = 512
	}
	if p.NSeqMax <= 0 {
		p.NSeqMax = 1
	}
	if p.Threads <= 0 {
		p.Threads = FreeCores()
	}
	return p
}

// maxSeqs mirrors LLAMA_MAX_SEQ: more makes llama.cpp abort.
const maxSeqs = 64

// Context is a llama.cpp inference context: a KV cache holding up to NSeqMax
// sequences, with its own threads and adapters. It is not safe for
// concurrent use; share contexts through a Pool.
type Context struct {
	c      *C.struct_llama_context
	model  *Model
	params ContextParams
	abort  *C.int
	batch  C.struct_llama_batch
	cands  []C.llama_token_data // vocabulary-sized scratch for sampling
}

// NewContext creates a context for model m.
func NewContext(m *Model, p ContextParams) (*Context, error) {
	initBackend()
	p = p.withDefaults(m)
	if p.NSeqMax > maxSeqs {
		return nil, fmt.Errorf("new context: NSeqMax %d exceeds %d", p.NSeqMax, maxSeqs)
	}
	cp := C.llama_context_default_params()
	cp.n_ctx = C.uint32_t(p.NCtx)
	cp.n_batch = C.uint32_t(p.NBatch)
	cp.n_ubatch = C.uint32_t(p.NBatch)
	cp.n_seq_max = C.uint32_t(p.NSeqMax)
	cp.n_threads = C.int32_t(p.Threads)
	cp.n_threads_batch = C.int32_t(p.Threads)
	cp.kv_unified = true // one cache for all sequences, so a shared prefix is stored once
	cp.no_perf = true
	cp.flash_attn_type = C.LLAMA_FLASH_ATTN_TYPE_DISABLED
	if p.FlashAttention {
		cp.flash_attn_type = C.LLAMA_FLASH_ATTN_TYPE_ENABLED
	}
	if p.KVF32 {
		cp.type_k = C.GGML_TYPE_F32
		cp.type_v = C.GGML_TYPE_F32
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.c == nil {
		return nil, errors.New("new context: model is closed")
	}
	if m.vocabOnly {
		return nil, errors.New("new context: model was loaded with VocabOnly (no weights)")
	}
	c := C.llama_init_from_model(m.c, cp)
	if c == nil {
		return nil, fmt.Errorf("new context: %s", takeLastError())
	}
	ctx := &Context{c: c, model: m, params: p, abort: C.dg_new_flag()}
	C.dg_set_abort(c, ctx.abort)
	ctx.batch = C.llama_batch_init(C.int32_t(p.NBatch), 0, 1)
	ctx.cands = make([]C.llama_token_data, m.info.NVocab)
	return ctx, nil
}

// Close frees the context. It is idempotent.
func (c *Context) Close() error {
	if c.c == nil {
		return nil
	}
	C.llama_batch_free(c.batch)
	C.llama_free(c.c)
	C.free(unsafe.Pointer(c.abort))
	c.c = nil
	c.cands = nil
	return nil
}

// Params returns the context's effective parameters.
func (c *Context) Params() ContextParams { return c.params }

// Model returns the model the context was made from.
func (c *Context) Model() *Model { return c.model }

// BatchEntry is one token to decode: its position in its sequence, the
// sequence, and whether logits are wanted for it.
type BatchEntry struct {
	Token  Token
	Pos    int
	Seq    int
	Logits bool
}

// ErrAborted is returned by Decode when its context.Context ended mid-way.
var ErrAborted = errors.New("decode aborted")

// Decode runs the model over entries (at most NBatch of them). Logits of the
// entries marked Logits are then available through Logits and Sample, by the
// entry's index among the marked ones' positions in entries. A cancelled ctx
// aborts the computation between graph nodes.
func (c *Context) Decode(ctx context.Context, entries []BatchEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if len(entries) > c.params.NBatch {
		return fmt.Errorf("decode: %d tokens exceed batch size %d", len(entries), c.params.NBatch)
	}
	nv := Token(c.model.info.NVocab)
	for i, e := range entries {
		if e.Token < 0 || e.Token >= nv {
			return fmt.Errorf("decode: entry %d: token %d outside vocabulary", i, e.Token)
		}
		if e.Seq < 0 || e.Seq >= c.params.NSeqMax {
			return fmt.Errorf("decode: entry %d: sequence %d outside [0,%d)", i, e.Seq, c.params.NSeqMax)
		}
		if e.Pos < 0 || e.Pos >= c.params.NCtx {
			return fmt.Errorf("decode: entry %d: position %d outside context of %d", i, e.Pos, c.params.NCtx)
		}
		C.dg_batch_set(&c.batch, C.int(i), C.llama_token(e.Token), C.llama_pos(e.Pos), C.llama_seq_id(e.Seq), C.bool(e.Logits))
	}
	c.batch.n_tokens = C.int32_t(len(entries))
	C.dg_flag_set(c.abort, 0)
	stop := watchContext(ctx, c.abort)
	rc := C.llama_decode(c.c, c.batch)
	stop()
	switch {
	case rc == 0:
		return nil
	case rc == 2:
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%w: %w", ErrAborted, err)
		}
		return ErrAborted
	case rc == 1:
		return errors.New("decode: no KV-cache slot for the batch (context full)")
	default:
		return fmt.Errorf("decode: llama_decode returned %d: %s", rc, takeLastError())
	}
}

// Logits returns a copy of the logits for output row i of the last Decode
// (i indexes entries; -1 is the last one with Logits set).
func (c *Context) Logits(i int) ([]float32, error) {
	p := C.llama_get_logits_ith(c.c, C.int32_t(i))
	if p == nil {
		return nil, fmt.Errorf("logits: no output for row %d", i)
	}
	n := c.model.info.NVocab
	out := make([]float32, n)
	copy(out, unsafe.Slice((*float32)(unsafe.Pointer(p)), n))
	return out, nil
}

// ClearMemory empties the KV cache of every sequence.
func (c *Context) ClearMemory() { C.llama_memory_clear(C.llama_get_memory(c.c), C.bool(true)) }

// RemoveTokens drops positions [from, to) of seq from the KV cache (to < 0
// means to the end; seq < 0 means every sequence).
func (c *Context) RemoveTokens(seq, from, to int) bool {
	return bool(C.llama_memory_seq_rm(C.llama_get_memory(c.c), C.llama_seq_id(seq), C.llama_pos(from), C.llama_pos(to)))
}

// CopySequence makes dst share src's cached positions [from, to); with the
// unified cache this costs no memory.
func (c *Context) CopySequence(src, dst, from, to int) {
	C.llama_memory_seq_cp(C.llama_get_memory(c.c), C.llama_seq_id(src), C.llama_seq_id(dst), C.llama_pos(from), C.llama_pos(to))
}

// SetAdapter applies a LoRA adapter at scale (replacing its previous scale).
func (c *Context) SetAdapter(a *Adapter, scale float32) error {
	if a == nil || a.c == nil {
		return errors.New("set adapter: adapter is closed")
	}
	if rc := C.llama_set_adapter_lora(c.c, a.c, C.float(scale)); rc != 0 {
		return fmt.Errorf("set adapter %s: llama_set_adapter_lora returned %d", a.path, rc)
	}
	return nil
}

// RemoveAdapter removes one adapter; it is an error if it was not applied.
func (c *Context) RemoveAdapter(a *Adapter) error {
	if a == nil || a.c == nil {
		return errors.New("remove adapter: adapter is closed")
	}
	if rc := C.llama_rm_adapter_lora(c.c, a.c); rc != 0 {
		return fmt.Errorf("remove adapter %s: not applied to this context", a.path)
	}
	return nil
}

// ClearAdapters removes every adapter from the context.
func (c *Context) ClearAdapters() { C.llama_clear_adapter_lora(c.c) }
