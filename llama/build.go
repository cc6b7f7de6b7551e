package llama

/*
#cgo CXXFLAGS: -std=c++17
#cgo !darwin LDFLAGS: -lm -lstdc++
#cgo darwin LDFLAGS: -lm -lc++
*/
import "C"

import (
	// These two packages compile libllama and ggml (with its CPU backend)
	// through cgo from the llama.cpp sources carried by the pinned module
	// github.com/ollama/ollama v0.24.0. None of ollama's Go code is used.
	_ "github.com/ollama/ollama/llama/llama.cpp/src"
	_ "github.com/ollama/ollama/ml/backend/ggml/ggml/src"
)
