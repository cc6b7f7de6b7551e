package finetune

import (
	"math"
	"testing"

	"domaingen/lora"
)

// TestScheduleAndClip checks the warm-up/cosine schedule's end points and
// gradient clipping.
func TestScheduleAndClip(t *testing.T) {
	if lr := lora.CosineLR(0, 100, 10, 1, 0); math.Abs(lr-0.1) > 1e-12 {
		t.Errorf("first warm-up step lr %g, want 0.1", lr)
	}
	if lr := lora.CosineLR(10, 100, 10, 1, 0); lr != 1 {
		t.Errorf("peak lr %g, want 1", lr)
	}
	if lr := lora.CosineLR(100, 100, 10, 1, 0.1); math.Abs(lr-0.1) > 1e-12 {
		t.Errorf("last lr %g, want 0.1", lr)
	}
	g := [][]float32{{3}, {4}}
	if n := lora.ClipGradNorm(g, 1); n != 5 || math.Abs(float64(g[0][0])-0.6) > 1e-6 {
		t.Errorf("clip: norm %g, g %v", n, g)
	}
}

// TestAdamWMatchesTorch checks two AdamW steps against values computed by
// hand from torch.optim.AdamW's update rule.
func TestAdamWMatchesTorch(t *testing.T) {
	p := [][]float32{{1, -2}}
	o := lora.NewAdamW(p, lora.AdamWConfig{WeightDecay: 0.1})
	for _, g := range [][]float32{{0.5, -1}, {0.25, 2}} {
		if err := o.Update(p, [][]float32{g}, 0.01); err != nil {
			t.Fatal(err)
		}
	}
	// Reference in float64.
	want := []float64{1, -2}
	gs := [][]float64{{0.5, -1}, {0.25, 2}}
	m, v := []float64{0, 0}, []float64{0, 0}
	for s, g := range gs {
		for j := range want {
			want[j] *= 1 - 0.01*0.1
			m[j] = 0.9*m[j] + 0.1*g[j]
			v[j] = 0.999*v[j] + 0.001*g[j]*g[j]
			mh := m[j] / (1 - math.Pow(0.9, float64(s+1)))
			vh := v[j] / (1 - math.Pow(0.999, float64(s+1)))
			want[j] -= 0.01 * mh / (math.Sqrt(vh) + 1e-8)
		}
	}
	for j := range want {
		if math.Abs(float64(p[0][j])-want[j]) > 1e-6 {
			t.Errorf("param %d = %g, want %g", j, p[0][j], want[j])
		}
	}
}
