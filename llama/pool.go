package llama

import (
	"context"
	"errors"
	"fmt"
)

// Pool hands out a fixed set of Contexts to concurrent callers. A caller
// holds a context for a whole generation; others wait or give up when their
// context.Context ends.
type Pool struct {
	all  []*poolContext
	free chan *poolContext
}

// poolContext is a Context plus the tokens its sequence 0 currently caches,
// for prefix reuse across requests.
type poolContext struct {
	*Context
	cached []Token
}

// NewPool creates n contexts with the same parameters.
func NewPool(m *Model, n int, p ContextParams) (*Pool, error) {
	if n <= 0 {
		return nil, fmt.Errorf("new pool: %d contexts", n)
	}
	pool := &Pool{free: make(chan *poolContext, n)}
	for i := 0; i < n; i++ {
		c, err := NewContext(m, p)
		if err != nil {
			pool.Close()
			return nil, fmt.Errorf("new pool: context %d: %w", i, err)
		}
		pc := &poolContext{Context: c}
		pool.all = append(pool.all, pc)
		pool.free <- pc
	}
	return pool, nil
}

// Size returns the number of contexts.
func (p *Pool) Size() int { return len(p.all) }

// InUse returns how many contexts are held right now.
func (p *Pool) InUse() int { return len(p.all) - len(p.free) }

var errPoolClosed = errors.New("context pool is closed")

// acquire waits for a free context or for ctx to end.
func (p *Pool) acquire(ctx context.Context) (*poolContext, error) {
	select {
	case c, ok := <-p.free:
		if !ok {
			return nil, errPoolClosed
		}
		return c, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (p *Pool) release(c *poolContext) { p.free <- c }

// Close frees every context. Call it only when no caller holds one.
func (p *Pool) Close() error {
	for _, c := range p.all {
		c.Close()
	}
	p.all = nil
	return nil
}
