package main

import (
	"io"
	"log/slog"
)

// setVerbose routes slog (and with it llama.cpp's log) to stderr: debug
// level when verbose, warnings only otherwise.
func setVerbose(verbose bool, stderr io.Writer) {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})))
}
