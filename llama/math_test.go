package llama

import "math"

func expf64(x float64) float64 { return math.Exp(x) }
func logf64(x float64) float64 { return math.Log(x) }
