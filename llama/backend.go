package llama

/*
#include <stdlib.h>
#include "ggml-backend.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"os"
	"unsafe"
)

// LoadBackend loads a ggml backend module (a shared library such as
// libggml-cuda.so built from the pinned module's ggml sources with
// GGML_BACKEND_DL, as ollama ships them) and registers its devices, so
// that ModelParams.GPULayers can offload to them. The CPU backend is
// compiled in and needs no module; on darwin/arm64 Metal is compiled in
// too. The module must come from the same ggml sources as this binary
// (github.com/ollama/ollama v0.24.0): ggml checks only its backend API
// version.
func LoadBackend(path string) error {
	initBackend()
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("load ggml backend: %w", err)
	}
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	if C.ggml_backend_load(cpath) == nil {
		msg := takeLastError()
		if msg == "" {
			msg = "ggml_backend_load returned NULL (wrong API version, missing CUDA runtime, or no device)"
		}
		return fmt.Errorf("load ggml backend %s: %w", path, errors.New(msg))
	}
	return nil
}

// Devices lists the ggml devices registered in this process, e.g.
// "CPU (cpu)", "Metal (gpu)", "CUDA0 (gpu)".
func Devices() []string {
	initBackend()
	n := int(C.ggml_backend_dev_count())
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		d := C.ggml_backend_dev_get(C.size_t(i))
		kind := "cpu"
		switch C.ggml_backend_dev_type(d) {
		case C.GGML_BACKEND_DEVICE_TYPE_GPU:
			kind = "gpu"
		case C.GGML_BACKEND_DEVICE_TYPE_IGPU:
			kind = "igpu"
		case C.GGML_BACKEND_DEVICE_TYPE_ACCEL:
			kind = "accel"
		}
		out = append(out, fmt.Sprintf("%s (%s)", C.GoString(C.ggml_backend_dev_name(d)), kind))
	}
	return out
}
