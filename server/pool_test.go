package server

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/suggest"
)

// TestPoolRefusesWhatCannotFinish: once generations are known to take
// 2 s, a request whose deadline cannot cover the queue ahead of it gets
// errQueueFull at once instead of waiting to time out.
func TestPoolRefusesWhatCannotFinish(t *testing.T) {
	p := newPool(1, 16, newMetrics())
	p.observe(2 * time.Second)
	release := make(chan struct{})
	blocking := func(ctx context.Context) (suggest.Response, error) {
		<-release
		return suggest.Response{}, nil
	}
	go p.do(context.Background(), blocking) // occupies the only worker
	require.Eventually(t, func() bool { return len(p.slots) == 1 }, time.Second, time.Millisecond)

	short, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	start := time.Now()
	_, err := p.do(short, blocking)
	assert.ErrorIs(t, err, errQueueFull)
	assert.Less(t, time.Since(start), 1500*time.Millisecond, "refused at once, not at the deadline")

	long, cancel2 := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel2()
	errc := make(chan error, 1)
	go func() {
		_, err := p.do(long, func(context.Context) (suggest.Response, error) { return suggest.Response{}, nil })
		errc <- err
	}()
	require.Eventually(t, func() bool { return p.waiting.Load() == 1 }, time.Second, time.Millisecond, "admitted to the queue")
	close(release)
	require.NoError(t, <-errc)
}

func TestPoolServiceAverage(t *testing.T) {
	p := newPool(2, 4, newMetrics())
	assert.True(t, p.canFinish(context.Background(), 100), "no deadline: always admitted")
	ctx0, cancel0 := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel0()
	assert.True(t, p.canFinish(ctx0, 8), "unmeasured: 1 s assumed, 5 rounds fit in 60% of 10 s")
	assert.False(t, p.canFinish(ctx0, 12), "unmeasured: 7 rounds do not")
	p.observe(time.Second)
	assert.Equal(t, time.Second, time.Duration(p.serviceNs.Load()))
	p.observe(2 * time.Second)
	assert.InDelta(t, float64(1100*time.Millisecond), float64(p.serviceNs.Load()), float64(time.Millisecond))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	assert.True(t, p.canFinish(ctx, 2))   // 1 round ahead + own ≈ 2.2 s
	assert.False(t, p.canFinish(ctx, 10)) // 5 rounds + own ≈ 6.6 s: over 60% of 10 s
}
