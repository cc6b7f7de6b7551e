package availability

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/openrdap/rdap/bootstrap"
	rdapcache "github.com/openrdap/rdap/bootstrap/cache"
)

// snapshot is the shipped, hand-assembled partial copy of IANA's dns.json
// (see its description and docs/availability.md).
//
//go:embed bootstrap/dns.json
var snapshot []byte

// SnapshotDate is the publication date of the shipped bootstrap snapshot.
const SnapshotDate = "2026-12-08"

// bootstrapFetchTimeout bounds one download of dns.json (about 40 KiB).
const bootstrapFetchTimeout = 10 * time.Second

// registry is a parsed bootstrap file and where it came from.
type registry struct {
	dns       *bootstrap.DNSRegistry
	source    string
	published time.Time // the file's "publication", or when it was fetched
}

// parseRegistry parses an RFC 9224 DNS bootstrap file.
func parseRegistry(data []byte, source string) (*registry, error) {
	dns, err := bootstrap.NewDNSRegistry(data)
	if err != nil {
		return nil, fmt.Errorf("parse RDAP bootstrap (%s): %w", source, err)
	}
	var meta struct {
		Publication time.Time `json:"publication"`
	}
	_ = json.Unmarshal(data, &meta) // a missing date only means "old"
	return &registry{dns: dns, source: source, published: meta.Publication}, nil
}

// BootstrapInfo says which bootstrap registry the checker uses.
type BootstrapInfo struct {
	// Source is "shipped snapshot <date>", "custom bootstrap", or the URL
	// it was downloaded from.
	Source string
	// Published is the file's publication date, or for a download when
	// it was fetched.
	Published time.Time
}

// Bootstrap returns which bootstrap registry is in use.
func (c *Checker) Bootstrap() BootstrapInfo {
	r := c.registry.Load()
	return BootstrapInfo{Source: r.source, Published: r.published}
}

// rdapServers returns the RDAP base URLs for name, and starts a refresh
// of the registry in the background when it is older than
// Config.BootstrapRefresh.
func (c *Checker) rdapServers(ctx context.Context, name string) []*url.URL {
	c.maybeRefresh()
	q := (&bootstrap.Question{RegistryType: bootstrap.DNS, Query: name}).WithContext(ctx)
	ans, err := c.registry.Load().dns.Lookup(q)
	if err != nil || ans == nil {
		return nil
	}
	return ans.URLs
}

// maybeRefresh starts one background refresh when the registry is older
// than Config.BootstrapRefresh and the last attempt was at least that long
// ago (a failed attempt is retried after an hour at the soonest).
func (c *Checker) maybeRefresh() {
	if c.cfg.BootstrapURL == "off" {
		return
	}
	now := c.cfg.Now()
	if now.Sub(c.registry.Load().published) < c.cfg.BootstrapRefresh {
		return
	}
	c.refreshMu.Lock()
	due := now.Sub(c.lastRefresh) >= min(c.cfg.BootstrapRefresh, time.Hour)
	if due {
		c.lastRefresh = now
	}
	c.refreshMu.Unlock()
	if !due || !c.refreshing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer c.refreshing.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), bootstrapFetchTimeout)
		defer cancel()
		_ = c.RefreshBootstrap(ctx) // on failure the current registry stays
	}()
}

// RefreshBootstrap downloads dns.json from Config.BootstrapURL and, if it
// parses, uses it from then on. On failure the current registry stays.
func (c *Checker) RefreshBootstrap(ctx context.Context) error {
	if c.cfg.BootstrapURL == "off" {
		return fmt.Errorf("refresh RDAP bootstrap: refreshing is off")
	}
	base := c.cfg.BootstrapURL
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("refresh RDAP bootstrap: bad URL %q: %w", c.cfg.BootstrapURL, err)
	}
	mc := rdapcache.NewMemoryCache()
	mc.SetTimeout(c.cfg.BootstrapRefresh)
	bc := &bootstrap.Client{HTTP: c.cfg.HTTP, BaseURL: u, Cache: mc}
	if err := bc.DownloadWithContext(ctx, bootstrap.DNS); err != nil {
		return fmt.Errorf("refresh RDAP bootstrap from %s: %w", u, err)
	}
	dns := bc.DNS()
	if dns == nil {
		return fmt.Errorf("refresh RDAP bootstrap from %s: no DNS registry in the answer", u)
	}
	// Its age counts from the download: IANA republishes only on change.
	c.registry.Store(&registry{dns: dns, source: u.String() + "dns.json", published: c.cfg.Now()})
	return nil
}
