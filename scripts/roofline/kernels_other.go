//go:build !amd64

package main

// Without the amd64 kernels, features reports nothing and run refuses.

func features() Features { return Features{} }

const (
	fmaAVX2FLOPs   = 0
	fmaAVX512FLOPs = 0
	vnniOps        = 0
)

func sumBytes([]byte) uint64                     { panic("roofline: amd64 only") }
func runFMAAVX2(int, float32, float32) float64   { panic("roofline: amd64 only") }
func runFMAAVX512(int, float32, float32) float64 { panic("roofline: amd64 only") }
func runVNNI(int, uint32, uint32) int64          { panic("roofline: amd64 only") }
