package finetune

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// plotLoss draws the training loss per step (and its moving average) and
// the validation loss per epoch into a PNG.
func plotLoss(path string, train, val [][2]float64) error {
	if len(train) == 0 {
		return nil
	}
	p := plot.New()
	p.Title.Text = "LoRA fine-tuning"
	p.X.Label.Text = "optimizer step"
	p.Y.Label.Text = "loss (nats/token)"
	p.Add(plotter.NewGrid())
	pts := func(xy [][2]float64) plotter.XYs {
		out := make(plotter.XYs, len(xy))
		for i, v := range xy {
			out[i].X, out[i].Y = v[0], v[1]
		}
		return out
	}
	raw, err := plotter.NewLine(pts(train))
	if err != nil {
		return fmt.Errorf("plot: %w", err)
	}
	raw.Color = color.RGBA{R: 160, G: 190, B: 230, A: 255}
	p.Add(raw)
	p.Legend.Add("train (step)", raw)
	smooth := make([][2]float64, len(train))
	var acc float64
	for i, v := range train {
		acc = 0.9*acc + 0.1*v[1]
		smooth[i] = [2]float64{v[0], acc / (1 - pow9(i+1))}
	}
	sl, err := plotter.NewLine(pts(smooth))
	if err != nil {
		return fmt.Errorf("plot: %w", err)
	}
	sl.Color = color.RGBA{B: 200, A: 255}
	sl.Width = vg.Points(1.5)
	p.Add(sl)
	p.Legend.Add("train (EMA 0.9)", sl)
	if len(val) > 0 {
		vl, vp, err := plotter.NewLinePoints(pts(val))
		if err != nil {
			return fmt.Errorf("plot: %w", err)
		}
		vl.Color, vp.Color = color.RGBA{R: 220, A: 255}, color.RGBA{R: 220, A: 255}
		p.Add(vl, vp)
		p.Legend.Add("validation (epoch)", vl, vp)
	}
	p.Legend.Top = true
	return renameInto(path, func(tmp string) error {
		if err := p.Save(8*vg.Inch, 5*vg.Inch, tmp+".png"); err != nil {
			return fmt.Errorf("plot %s: %w", path, err)
		}
		return rename(tmp+".png", tmp)
	})
}

func pow9(n int) float64 {
	r := 1.0
	for range n {
		r *= 0.9
	}
	return r
}
