package lora

import (
	"fmt"
	"math"
)

// AdamWConfig holds AdamW's hyper-parameters. Zero values mean defaults.
type AdamWConfig struct {
	Beta1       float64 // default 0.9
	Beta2       float64 // default 0.999
	Eps         float64 // default 1e-8
	WeightDecay float64 // decoupled weight decay (default 0)
}

// AdamW is Loshchilov & Hutter's Adam with decoupled weight decay, as
// torch.optim.AdamW: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g²,
// p −= lr·(m̂/(√v̂ + eps) + wd·p) with bias-corrected m̂, v̂. The moments
// are float32 and shaped like the parameters; Step counts updates.
type AdamW struct {
	Config AdamWConfig
	Step   int64       // updates done
	M, V   [][]float32 // first and second moments, one slice per parameter
}

// NewAdamW returns an optimizer with zero moments for params.
func NewAdamW(params [][]float32, cfg AdamWConfig) *AdamW {
	if cfg.Beta1 == 0 {
		cfg.Beta1 = 0.9
	}
	if cfg.Beta2 == 0 {
		cfg.Beta2 = 0.999
	}
	if cfg.Eps == 0 {
		cfg.Eps = 1e-8
	}
	o := &AdamW{Config: cfg}
	for _, p := range params {
		o.M = append(o.M, make([]float32, len(p)))
		o.V = append(o.V, make([]float32, len(p)))
	}
	return o
}

// Update applies one AdamW step with learning rate lr to params in place.
// grads must be shaped like params (and like the moments).
func (o *AdamW) Update(params, grads [][]float32, lr float64) error {
	if len(params) != len(o.M) || len(grads) != len(params) {
		return fmt.Errorf("adamw: %d params, %d grads, %d moments", len(params), len(grads), len(o.M))
	}
	o.Step++
	c := o.Config
	bc1 := 1 - math.Pow(c.Beta1, float64(o.Step))
	bc2 := 1 - math.Pow(c.Beta2, float64(o.Step))
	b1, b2 := float32(c.Beta1), float32(c.Beta2)
	stepSize := float32(lr / bc1)
	sqrtBC2 := float32(math.Sqrt(bc2))
	eps, decay := float32(c.Eps), float32(1-lr*c.WeightDecay)
	for i, p := range params {
		g, m, v := grads[i], o.M[i], o.V[i]
		if len(g) != len(p) || len(m) != len(p) {
			return fmt.Errorf("adamw: parameter %d has %d values, gradient %d, moments %d", i, len(p), len(g), len(m))
		}
		for j := range p {
			gj := g[j]
			m[j] = b1*m[j] + (1-b1)*gj
			v[j] = b2*v[j] + (1-b2)*gj*gj
			denom := float32(math.Sqrt(float64(v[j])))/sqrtBC2 + eps
			p[j] = p[j]*decay - stepSize*m[j]/denom
		}
	}
	return nil
}

// GradNorm returns the global L2 norm of grads (accumulated in float64).
func GradNorm(grads [][]float32) float64 {
	var s float64
	for _, g := range grads {
		for _, v := range g {
			s += float64(v) * float64(v)
		}
	}
	return math.Sqrt(s)
}

// ClipGradNorm scales grads in place so that their global L2 norm is at
// most maxNorm (as torch.nn.utils.clip_grad_norm_) and returns the norm
// before clipping. maxNorm ≤ 0 disables clipping.
func ClipGradNorm(grads [][]float32, maxNorm float64) float64 {
	n := GradNorm(grads)
	if maxNorm > 0 && n > maxNorm {
		s := float32(maxNorm / (n + 1e-6))
		for _, g := range grads {
			for j := range g {
				g[j] *= s
			}
		}
	}
	return n
}

// CosineLR is the learning rate at optimizer step (0-based) of total: a
// linear warm-up from peak/warmup to peak over the first warmup steps, then
// a cosine decay from peak towards minRatio·peak, reached at step total (the
// schedule of transformers' get_cosine_schedule_with_warmup when minRatio
// is 0, except that warm-up starts at peak/warmup rather than 0).
func CosineLR(step, total, warmup int, peak, minRatio float64) float64 {
	if warmup > 0 && step < warmup {
		return peak * float64(step+1) / float64(warmup)
	}
	span := total - warmup
	if span <= 0 {
		return peak
	}
	progress := min(1, float64(step-warmup)/float64(span))
	return peak * (minRatio + (1-minRatio)*0.5*(1+math.Cos(math.Pi*progress)))
}
