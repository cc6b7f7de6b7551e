package llama

import (
	"context"
	"testing"
)

// benchDecode measures decode steps of nseq sequences (one token each)
// after a 32-token shared prompt, at the given thread count: the shape of
// one step of suggestion generation.
func benchDecode(b *testing.B, nseq, threads int) {
	m := loadTestModel(b)
	c, err := NewContext(m, ContextParams{NSeqMax: nseq, Threads: threads, NCtx: 2048})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	const promptLen = 32
	prompt := make([]BatchEntry, promptLen)
	for i := range prompt {
		prompt[i] = BatchEntry{Token: Token(100 + i), Pos: i, Seq: 0}
	}
	if err := c.Decode(ctx, prompt); err != nil {
		b.Fatal(err)
	}
	for s := 1; s < nseq; s++ {
		c.CopySequence(0, s, -1, -1)
	}
	entries := make([]BatchEntry, nseq)
	pos := promptLen
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for s := range entries {
			entries[s] = BatchEntry{Token: Token(200 + s), Pos: pos, Seq: s, Logits: true}
		}
		if err := c.Decode(ctx, entries); err != nil {
			b.Fatal(err)
		}
		if pos++; pos > 200 { // keep the attention span realistic
			b.StopTimer()
			c.RemoveTokens(-1, promptLen, -1)
			pos = promptLen
			b.StartTimer()
		}
	}
	b.ReportMetric(float64(b.N*nseq)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkDecode1Seq2Threads(b *testing.B)  { benchDecode(b, 1, 2) }
func BenchmarkDecode1Seq1Thread(b *testing.B)   { benchDecode(b, 1, 1) }
func BenchmarkDecode8Seq2Threads(b *testing.B)  { benchDecode(b, 8, 2) }
func BenchmarkDecode13Seq2Threads(b *testing.B) { benchDecode(b, 13, 2) }

// BenchmarkPrefill measures decoding a 128-token prompt in one batch.
func BenchmarkPrefill128(b *testing.B) {
	m := loadTestModel(b)
	c, err := NewContext(m, ContextParams{Threads: 2})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	entries := make([]BatchEntry, 128)
	for i := range entries {
		entries[i] = BatchEntry{Token: Token(100 + i), Pos: i, Logits: i == len(entries)-1}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.ClearMemory()
		if err := c.Decode(context.Background(), entries); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(entries))/b.Elapsed().Seconds(), "tokens/s")
}
