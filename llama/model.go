package llama

/*
#include "helpers.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"unsafe"
)

// Token is a vocabulary id.
type Token = int32

// ModelParams configures Load. The zero value memory-maps the file and
// loads everything on the CPU.
type ModelParams struct {
	// VocabOnly loads the vocabulary and metadata without the weights
	// (enough to tokenize and render chat templates).
	VocabOnly bool
	// NoMmap reads the file into memory instead of mapping it.
	NoMmap bool
	// GPULayers offloads this many layers (and the output layer, when
	// larger than the layer count: 99 means all) to a GPU device: the
	// Metal backend compiled in on darwin/arm64, or a backend module
	// loaded with LoadBackend (CUDA). 0, the default, keeps everything on
	// the CPU as before. docs/backends.md says what is verified.
	GPULayers int
}

// Model is a loaded GGUF model. It is safe for concurrent use; Close it
// after every Context and Adapter made from it has been closed.
type Model struct {
	mu    sync.RWMutex
	c     *C.struct_llama_model
	vocab *C.struct_llama_vocab
	path  string
	info  ModelInfo
	// vocabOnly: loaded without weights (tokenizer and metadata only).
	vocabOnly bool

	maskMu sync.Mutex
	masks  map[string]*C.uchar // token masks by allowed byte set (C memory, freed by Close)
}

// ModelInfo describes a model, read from its metadata once at load.
type ModelInfo struct {
	Path         string
	Architecture string // general.architecture, e.g. "llama", "qwen2"
	Name         string // general.name, if present
	Description  string // llama.cpp's one-line description, e.g. "llama ?B Q4_1"
	NVocab       int
	NEmbd        int
	NLayer       int
	NHead        int
	NHeadKV      int
	NCtxTrain    int
	NParams      uint64
	SizeBytes    uint64
	ChatTemplate string // the Jinja template in tokenizer.chat_template, or ""
}

// Load reads a GGUF model. It returns an error (never aborts) for a missing,
// unreadable or corrupt file, with llama.cpp's reason when it gave one.
func Load(path string, p ModelParams) (*Model, error) {
	initBackend()
	if err := checkGGUF(path); err != nil {
		return nil, fmt.Errorf("load model %s: %w", path, err)
	}
	params := C.llama_model_default_params()
	params.vocab_only = C.bool(p.VocabOnly)
	params.use_mmap = C.bool(!p.NoMmap)
	params.n_gpu_layers = C.int32_t(max(0, p.GPULayers))
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	c := C.llama_model_load_from_file(cpath, params)
	if c == nil {
		return nil, fmt.Errorf("load model %s: %s", path, takeLastError())
	}
	m := &Model{c: c, vocab: C.llama_model_get_vocab(c), path: path, vocabOnly: p.VocabOnly}
	m.info = m.readInfo()
	return m, nil
}

// checkGGUF rejects files that are missing or are not GGUF before llama.cpp
// sees them, with a clearer message than llama.cpp's.
func checkGGUF(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	magic := make([]byte, 4)
	if _, err := f.Read(magic); err != nil || string(magic) != "GGUF" {
		return errors.New("not a GGUF file (bad magic)")
	}
	return nil
}

// Close frees the model. It is idempotent.
func (m *Model) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.maskMu.Lock()
	for k, mask := range m.masks {
		C.free(unsafe.Pointer(mask))
		delete(m.masks, k)
	}
	m.maskMu.Unlock()
	if m.c != nil {
		C.llama_model_free(m.c)
		m.c = nil
		m.vocab = nil
	}
	return nil
}

// Info returns the model's metadata.
func (m *Model) Info() ModelInfo { return m.info }

func (m *Model) readInfo() ModelInfo {
	info := ModelInfo{
		Path:   m.path,
		NVocab: int(C.llama_vocab_n_tokens(m.vocab)),
	}
	// With VocabOnly llama.cpp never reads the layer hyper-parameters, and
	// asking for per-layer values (head counts) aborts the process.
	if !m.vocabOnly {
		info.NEmbd = int(C.llama_model_n_embd(m.c))
		info.NLayer = int(C.llama_model_n_layer(m.c))
		info.NHead = int(C.llama_model_n_head(m.c))
		info.NHeadKV = int(C.llama_model_n_head_kv(m.c))
		info.NCtxTrain = int(C.llama_model_n_ctx_train(m.c))
		info.NParams = uint64(C.llama_model_n_params(m.c))
		info.SizeBytes = uint64(C.llama_model_size(m.c))
	}
	info.Architecture, _ = m.Meta("general.architecture")
	info.Name, _ = m.Meta("general.name")
	buf := make([]byte, 256)
	n := C.llama_model_desc(m.c, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
	if n > 0 {
		info.Description = string(buf[:min(int(n), len(buf)-1)])
	}
	if t := C.llama_model_chat_template(m.c, nil); t != nil {
		info.ChatTemplate = C.GoString(t)
	}
	return info
}

// Meta returns a scalar metadata value as text, and whether the key exists.
func (m *Model) Meta(key string) (string, bool) {
	ckey := C.CString(key)
	defer C.free(unsafe.Pointer(ckey))
	n := C.llama_model_meta_val_str(m.c, ckey, nil, 0)
	if n < 0 {
		return "", false
	}
	buf := make([]byte, int(n)+1)
	C.llama_model_meta_val_str(m.c, ckey, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
	return string(buf[:n]), true
}

// Tokenize converts text to tokens. addSpecial adds BOS/EOS if the model
// asks for them; parseSpecial turns special-token text such as
// "<|im_start|>" into its token instead of treating it as plain text.
func (m *Model) Tokenize(text string, addSpecial, parseSpecial bool) ([]Token, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.c == nil {
		return nil, errors.New("tokenize: model is closed")
	}
	ctext := C.CString(text)
	defer C.free(unsafe.Pointer(ctext))
	capacity := len(text) + 8
	tokens := make([]Token, capacity)
	n := C.llama_tokenize(m.vocab, ctext, C.int32_t(len(text)), (*C.llama_token)(unsafe.Pointer(&tokens[0])),
		C.int32_t(capacity), C.bool(addSpecial), C.bool(parseSpecial))
	if n < 0 {
		if n == C.INT32_MIN {
			return nil, errors.New("tokenize: text too long")
		}
		capacity = int(-n)
		tokens = make([]Token, capacity)
		n = C.llama_tokenize(m.vocab, ctext, C.int32_t(len(text)), (*C.llama_token)(unsafe.Pointer(&tokens[0])),
			C.int32_t(capacity), C.bool(addSpecial), C.bool(parseSpecial))
		if n < 0 {
			return nil, fmt.Errorf("tokenize: llama_tokenize returned %d", n)
		}
	}
	return tokens[:n], nil
}

// Detokenize converts tokens back to text. renderSpecial writes special
// tokens (e.g. "<|im_end|>") as their text; otherwise they are dropped.
func (m *Model) Detokenize(tokens []Token, renderSpecial bool) (string, error) {
	if len(tokens) == 0 {
		return "", nil
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.c == nil {
		return "", errors.New("detokenize: model is closed")
	}
	if err := m.checkTokens(tokens); err != nil {
		return "", fmt.Errorf("detokenize: %w", err)
	}
	buf := make([]byte, len(tokens)*8+16)
	call := func() C.int32_t {
		return C.llama_detokenize(m.vocab, (*C.llama_token)(unsafe.Pointer(&tokens[0])), C.int32_t(len(tokens)),
			(*C.char)(unsafe.Pointer(&buf[0])), C.int32_t(len(buf)), C.bool(false), C.bool(renderSpecial))
	}
	n := call()
	if n < 0 {
		buf = make([]byte, int(-n)+1)
		n = call()
		if n < 0 {
			return "", fmt.Errorf("detokenize: llama_detokenize returned %d", n)
		}
	}
	return string(buf[:n]), nil
}

// Piece returns the text of one token (special tokens rendered).
func (m *Model) Piece(tok Token) string {
	var buf [64]byte
	n := C.llama_token_to_piece(m.vocab, C.llama_token(tok), (*C.char)(unsafe.Pointer(&buf[0])), C.int32_t(len(buf)), 0, C.bool(true))
	if n < 0 {
		big := make([]byte, int(-n))
		n = C.llama_token_to_piece(m.vocab, C.llama_token(tok), (*C.char)(unsafe.Pointer(&big[0])), C.int32_t(len(big)), 0, C.bool(true))
		if n < 0 {
			return ""
		}
		return string(big[:n])
	}
	return string(buf[:n])
}

// IsEOG reports whether tok ends generation (EOS, EOT, <|im_end|>, ...).
func (m *Model) IsEOG(tok Token) bool { return bool(C.llama_vocab_is_eog(m.vocab, C.llama_token(tok))) }

// BOS returns the beginning-of-sequence token, or -1 if the model has none.
func (m *Model) BOS() Token { return Token(C.llama_vocab_bos(m.vocab)) }

func (m *Model) checkTokens(tokens []Token) error {
	for _, t := range tokens {
		if t < 0 || int(t) >= m.info.NVocab {
			return fmt.Errorf("token %d outside vocabulary of %d", t, m.info.NVocab)
		}
	}
	return nil
}

// ChatMessage is one turn of a conversation.
type ChatMessage struct {
	Role    string // "system", "user" or "assistant"
	Content string
}

// ApplyChatTemplate renders messages with the model's own chat template
// (or tmpl, if not empty), as llama.cpp's llama_chat_apply_template does.
// addAssistant appends the tokens that open the assistant's turn.
func (m *Model) ApplyChatTemplate(tmpl string, messages []ChatMessage, addAssistant bool) (string, error) {
	if tmpl == "" {
		tmpl = m.info.ChatTemplate
	}
	if tmpl == "" {
		return "", errors.New("apply chat template: model has no chat template")
	}
	ctmpl := C.CString(tmpl)
	defer C.free(unsafe.Pointer(ctmpl))
	cmsgs := make([]C.struct_llama_chat_message, len(messages))
	// The C strings are allocated with malloc: cmsgs lives in Go memory
	// and may hold C pointers, never Go pointers.
	total := 0
	for i, msg := range messages {
		cmsgs[i].role = C.CString(msg.Role)
		cmsgs[i].content = C.CString(msg.Content)
		total += len(msg.Role) + len(msg.Content)
	}
	defer func() {
		for _, cm := range cmsgs {
			C.free(unsafe.Pointer(cm.role))
			C.free(unsafe.Pointer(cm.content))
		}
	}()
	var msgPtr *C.struct_llama_chat_message
	if len(cmsgs) > 0 {
		msgPtr = &cmsgs[0]
	}
	buf := make([]byte, 2*total+256)
	n := C.llama_chat_apply_template(ctmpl, msgPtr, C.size_t(len(cmsgs)), C.bool(addAssistant), (*C.char)(unsafe.Pointer(&buf[0])), C.int32_t(len(buf)))
	if n < 0 {
		return "", errors.New("apply chat template: template not supported by llama.cpp")
	}
	if int(n) > len(buf) {
		buf = make([]byte, int(n))
		n = C.llama_chat_apply_template(ctmpl, msgPtr, C.size_t(len(cmsgs)), C.bool(addAssistant), (*C.char)(unsafe.Pointer(&buf[0])), C.int32_t(len(buf)))
	}
	return string(buf[:n]), nil
}
