package server

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync/atomic"
	"time"

	"domaingen/suggest"
)

// pool runs generations on at most cap(slots) workers at once, with at most
// depth requests waiting for a worker. Each generation runs in its own
// goroutine that holds its worker slot until the Suggester returns, so a
// Suggester that is slow to notice cancellation still counts against
// capacity, while the waiting request is answered at its deadline.
//
// Admission also looks at time: a request is turned away (429) when the
// generations ahead of it, at the recent average service time, would not
// leave it time to finish before its deadline. Queueing a request that can
// only time out wastes a worker and turns overload into 504s; refusing it at
// once tells the client to come back.
type pool struct {
	slots   chan struct{}
	workers int64
	depth   int64
	waiting atomic.Int64
	metrics *metrics
	// serviceNs is an exponentially weighted moving average of generation
	// times in nanoseconds (0 until the first generation finishes).
	serviceNs atomic.Int64
}

// serviceWeight is the weight of the newest sample in serviceNs: about the
// last ten generations count.
const serviceWeight = 0.1

// generateFunc is one generation, run by a worker.
type generateFunc func(context.Context) (suggest.Response, error)

// result is what a worker hands back to the waiting request.
type result struct {
	resp suggest.Response
	err  error
}

// newPool returns a pool with the given number of workers and queue depth.
func newPool(workers, depth int, m *metrics) *pool {
	return &pool{slots: make(chan struct{}, workers), workers: int64(workers), depth: int64(depth), metrics: m}
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
		start := time.Now()
		r := callSafely(ctx, fn)
		if r.err == nil {
			p.observe(time.Since(start))
		}
		done <- r
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
	position := p.waiting.Add(1)
	if position > p.depth || !p.canFinish(ctx, position) {
		p.waiting.Add(-1)
		return errQueueFull
	}
	p.metrics.queueDepth.Inc()
	defer func() {
		p.waiting.Add(-1)
		p.metrics.queueDepth.Dec()
	}()
	// Give up waiting (429, "come back") as soon as the time left could no
	// longer cover a generation, instead of holding on until the deadline
	// and answering 504.
	var giveUp <-chan time.Time
	if deadline, ok := ctx.Deadline(); ok {
		timer := time.NewTimer(time.Until(deadline) - p.service())
		defer timer.Stop()
		giveUp = timer.C
	}
	select {
	case p.slots <- struct{}{}:
		p.metrics.inFlight.Inc()
		return nil
	case <-giveUp:
		return errQueueFull
	case <-ctx.Done():
		return ctx.Err()
	}
}

// service returns the expected generation time: the moving average, or
// initialServiceTime before the first measurement.
func (p *pool) service() time.Duration {
	if s := time.Duration(p.serviceNs.Load()); s > 0 {
		return s
	}
	return initialServiceTime
}

// observe folds one generation time into the moving average.
func (p *pool) observe(d time.Duration) {
	for {
		old := p.serviceNs.Load()
		next := int64(d)
		if old > 0 {
			next = int64((1-serviceWeight)*float64(old) + serviceWeight*float64(d))
		}
		if p.serviceNs.CompareAndSwap(old, next) {
			return
		}
	}
}

// initialServiceTime is assumed until a generation has been measured: the
// order of one suggestion request on two cores.
const initialServiceTime = time.Second

// admitFraction is the share of a request's remaining time that its
// expected queueing plus generation may take: the rest is margin for
// variance, so that admitted requests finish rather than time out.
const admitFraction = 0.6

// canFinish reports whether a request at this queue position can expect to
// be served before ctx's deadline: the positions ahead of it drain in
// rounds of `workers` generations, then its own generation runs. Without a
// deadline it is always admitted.
func (p *pool) canFinish(ctx context.Context, position int64) bool {
	deadline, ok := ctx.Deadline()
	if !ok {
		return true
	}
	rounds := (position + p.workers - 1) / p.workers // rounds until a worker is ours
	expected := time.Duration(rounds+1) * p.service()
	// Generation times vary (other load, longer descriptions): admit only
	// when the expected time fits in admitFraction of what is left.
	return float64(time.Until(deadline))*admitFraction > float64(expected)
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
