// Package llama is domaingen's only cgo package: an idiomatic Go wrapper over
// the llama.cpp C API for models in GGUF files.
//
// Every C object is owned by exactly one Go value with an idempotent Close
// method (Model, Context, Batch, Sampler, Adapter); no C pointer leaves this
// package. Model and Adapter are safe for concurrent use once loaded; a
// Context is not, so concurrent callers share a Pool of contexts. Generator
// ties them together: it renders nothing and knows nothing of domains, it
// decodes a prompt once and samples several sequences that share its cached
// prefix.
//
// llama.cpp's log lines go to log/slog (debug level for its chatter, warn and
// error as such); the last error line is kept so that a failed load becomes a
// Go error that says why.
//
// llama.cpp aborts the whole process on a failed GGML_ASSERT, which no Go
// recover can catch, so sizes are validated here before they reach C.
package llama

/*
#include "helpers.h"
*/
import "C"

import (
	"context"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

var initOnce sync.Once

// initBackend initialises llama.cpp once per process and routes its log
// to slog. Every constructor in this package calls it.
func initBackend() {
	initOnce.Do(func() {
		C.dg_set_log()
		C.llama_backend_init()
	})
}

// lastError holds the most recent error line llama.cpp logged, so that a
// NULL returned by a C constructor can be reported with its reason.
var lastError struct {
	sync.Mutex
	line string
}

// logLine accumulates partial log lines (llama.cpp sometimes logs a line in
// several calls, ending it with a continuation level).
var logLine struct {
	sync.Mutex
	buf   strings.Builder
	level C.int
}

//export goLog
func goLog(level C.int, text *C.char, _ unsafe.Pointer) {
	msg := C.GoString(text)
	logLine.Lock()
	if level != C.GGML_LOG_LEVEL_CONT {
		logLine.level = level
	}
	logLine.buf.WriteString(msg)
	if !strings.HasSuffix(msg, "\n") {
		logLine.Unlock()
		return
	}
	line := strings.TrimSpace(logLine.buf.String())
	lvl := logLine.level
	logLine.buf.Reset()
	logLine.Unlock()
	if line == "" {
		return
	}
	switch lvl {
	case C.GGML_LOG_LEVEL_ERROR:
		lastError.Lock()
		lastError.line = line
		lastError.Unlock()
		slog.Error("llama.cpp", "msg", line)
	case C.GGML_LOG_LEVEL_WARN:
		slog.Debug("llama.cpp", "level", "warn", "msg", line)
	default:
		slog.Debug("llama.cpp", "msg", line)
	}
}

// takeLastError returns and clears the last error line llama.cpp logged.
func takeLastError() string {
	lastError.Lock()
	defer lastError.Unlock()
	line := lastError.line
	lastError.line = ""
	if line == "" {
		return "no reason given by llama.cpp"
	}
	return line
}

// FreeCores estimates how many CPU cores are idle right now: the number of
// CPUs minus the other runnable threads the kernel reports in /proc/stat
// (procs_running, which counts this process's reading thread too). It is
// never below 1. Running more ggml threads than free cores makes every
// thread wait on the slowest and slows decoding 10-30x, so thread counts
// default to this.
func FreeCores() int {
	n := runtime.NumCPU()
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return n
	}
	for _, line := range strings.Split(string(data), "\n") {
		rest, ok := strings.CutPrefix(line, "procs_running ")
		if !ok {
			continue
		}
		running, err := strconv.Atoi(strings.TrimSpace(rest))
		if err != nil {
			break
		}
		return max(1, min(n, n-(running-1)))
	}
	return n
}

// watchContext sets flag when ctx is done so that a decode in progress
// aborts, and returns a function that stops watching.
func watchContext(ctx context.Context, flag *C.int) (stop func()) {
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			C.dg_flag_set(flag, 1)
		case <-done:
		}
	}()
	return func() { close(done) }
}
