package llama

/*
#include "helpers.h"
*/
import "C"

import (
	"fmt"
	"os"
	"unsafe"
)

// Adapter is a LoRA adapter loaded for one Model (llama_adapter_lora_*).
// Apply it to contexts with Context.SetAdapter. Close it before its model.
type Adapter struct {
	c     *C.struct_llama_adapter_lora
	model *Model
	path  string
}

// LoadAdapter reads a GGUF LoRA adapter made for model m. A missing file,
// a file that is not an adapter, or an adapter for another architecture or
// with shapes that do not fit the model is an error, with llama.cpp's reason.
func LoadAdapter(m *Model, path string) (*Adapter, error) {
	initBackend()
	if err := checkGGUF(path); err != nil {
		return nil, fmt.Errorf("load adapter %s: %w", path, err)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("load adapter %s: %w", path, err)
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.c == nil {
		return nil, fmt.Errorf("load adapter %s: model is closed", path)
	}
	c := C.llama_adapter_lora_init(m.c, cpath)
	if c == nil {
		return nil, fmt.Errorf("load adapter %s: %s", path, takeLastError())
	}
	return &Adapter{c: c, model: m, path: path}, nil
}

// Path returns the file the adapter was loaded from.
func (a *Adapter) Path() string { return a.path }

// Meta returns a scalar metadata value of the adapter as text.
func (a *Adapter) Meta(key string) (string, bool) {
	ckey := C.CString(key)
	defer C.free(unsafe.Pointer(ckey))
	n := C.llama_adapter_meta_val_str(a.c, ckey, nil, 0)
	if n < 0 {
		return "", false
	}
	buf := make([]byte, int(n)+1)
	C.llama_adapter_meta_val_str(a.c, ckey, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
	return string(buf[:n]), true
}

// Close frees the adapter. It is idempotent. Remove it from every context
// first.
func (a *Adapter) Close() error {
	if a.c != nil {
		C.llama_adapter_lora_free(a.c)
		a.c = nil
	}
	return nil
}
