package llama

import (
	"os"
	"context"
	"testing"
)

func benchDecode(b *testing.B, nseq, threads int) {
	path := "../models/SmolLM2-135M-Instruct.Q4_1.gguf"
	if p := os.Getenv("BENCH_MODEL"); p != "" {
		path = p
	}
	m, err := Load(path, ModelParams{})
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	c, err := NewContext(m, ContextParams{NSeqMax: nseq, Threads: threads, NCtx: 2048})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	prompt := make([]BatchEntry, 32)
	for i := range prompt {
		prompt[i] = BatchEntry{Token: Token(100 + i), Pos: i, Seq: 0}
	}
	if err := c.Decode(ctx, prompt); err != nil {
		b.Fatal(err)
	}
	for s := 1; s < nseq; s++ {
		c.CopySequence(0, s, -1, -1)
	}
	b.ResetTimer()
	pos := 32
	for i := 0; i < b.N; i++ {
		e := make([]BatchEntry, nseq)
		for s := range e {
			e[s] = BatchEntry{Token: Token(200 + s), Pos: pos, Seq: s, Logits: true}
		}
		if err := c.Decode(ctx, e); err != nil {
			b.Fatal(err)
		}
		pos++
		if pos > 200 {
			b.StopTimer()
			for s := 0; s < nseq; s++ {
				c.RemoveTokens(s, 32, -1)
			}
			pos = 32
			b.StartTimer()
		}
	}
	b.ReportMetric(float64(b.N*nseq)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkDecode1x2t(b *testing.B)  { benchDecode(b, 1, 2) }
func BenchmarkDecode8x2t(b *testing.B)  { benchDecode(b, 8, 2) }
func BenchmarkDecode1x1t(b *testing.B)  { benchDecode(b, 1, 1) }
