package availability

import (
	"container/list"
	"sync"
	"time"
)

// cache holds Results by registrable name, each until its own expiry,
// bounded in size (least recently used out).
type cache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *cacheEntry, most recently used first
	byKey map[string]*list.Element
}

type cacheEntry struct {
	key     string
	res     Result
	expires time.Time
}

func newCache(max int) *cache {
	return &cache{max: max, order: list.New(), byKey: make(map[string]*list.Element)}
}

// get returns the Result for key if it has not expired at now.
func (c *cache) get(key string, now time.Time) (Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return Result{}, false
	}
	e := el.Value.(*cacheEntry)
	if !now.Before(e.expires) {
		c.order.Remove(el)
		delete(c.byKey, key)
		return Result{}, false
	}
	c.order.MoveToFront(el)
	return e.res, true
}

// put stores res for key until expires, evicting the least recently used
// entry when full.
func (c *cache) put(key string, res Result, expires time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		el.Value = &cacheEntry{key: key, res: res, expires: expires}
		c.order.MoveToFront(el)
		return
	}
	c.byKey[key] = c.order.PushFront(&cacheEntry{key: key, res: res, expires: expires})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*cacheEntry).key)
	}
}

// len counts entries, expired ones included.
func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
