package server

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync/atomic"

	"domaingen/suggest"
)

// pool runs generations on at most cap(slots) workers at once, with at most
// depth requests waiting for a worker. Each generation runs in its own
// goroutine that holds its worker slot until the Suggester returns, so a
// Suggester that is slow to notice cancellation still counts against
// capacity, while the waiting request is answered at its deadline.
type pool struct {
	slots   chan struct{}
	depth   int64
	waiting atomic.Int64
	metrics *metrics
}

// generateFunc is one generation, run by a worker.
type generateFunc func(context.Context) (suggest.Response, error)

// result is what a worker hands back to the waiting request.
type result struct {
	resp suggest.Response
	err  error
}

// newPool returns a pool with the given number of workers and queue depth.
func newPool(workers, depth int, m *metrics) *pool {
	return &pool{slots: make(chan struct{}, workers), depth: int64(depth), metrics: m}
}

// do runs fn on a worker and returns its result, or errQueueFull when the
// queue is full, or ctx's error when ctx ends first (waiting or running).
func (p *pool) do(ctx context.Context, fn generateFunc) (suggest.Response, error) {
	if err := p.acquire(ctx); err != nil {
		return suggest.Response{}, err
	}
	done := make(chan result, 1)
	go func() {
		defer p.release()
		done <- callSafely(ctx, fn)
	}()
	select {
	case r := <-done:
		return r.resp, r.err
	case <-ctx.Done():
		return suggest.Response{}, ctx.Err()
	}
}

// acquire takes a worker slot, waiting in the bounded queue if none is free.
func (p *pool) acquire(ctx context.Context) error {
	select {
	case p.slots <- struct{}{}:
		p.metrics.inFlight.Inc()
		return nil
	default:
	}
	if p.waiting.Add(1) > p.depth {
		p.waiting.Add(-1)
		return errQueueFull
	}
	p.metrics.queueDepth.Inc()
	defer func() {
		p.waiting.Add(-1)
		p.metrics.queueDepth.Dec()
	}()
	select {
	case p.slots <- struct{}{}:
		p.metrics.inFlight.Inc()
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// release gives a worker slot back.
func (p *pool) release() {
	p.metrics.inFlight.Dec()
	<-p.slots
}

// panicError carries a panic recovered from a handler or a Suggester; its
// text, stack included, goes to the log only.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v\n%s", e.value, e.stack) }

// callSafely runs fn, turning a panic into a *panicError: the generation
// runs outside the request goroutine, where the recover middleware cannot
// see it, and a panic there would end the process.
func callSafely(ctx context.Context, fn generateFunc) (r result) {
	defer func() {
		if v := recover(); v != nil {
			r = result{err: &panicError{value: v, stack: debug.Stack()}}
		}
	}()
	resp, err := fn(ctx)
	return result{resp: resp, err: err}
}
