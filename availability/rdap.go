package availability

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/openrdap/rdap"
)

// rdapInfo is what a 200 told about a taken name.
type rdapInfo struct {
	registrar string
	expires   string
}

// askRDAP asks the RDAP server at base for name's domain object
// (RFC 9082: GET base/domain/name).
func (c *Checker) askRDAP(ctx context.Context, name string, base *url.URL) (ev Evidence, info rdapInfo) {
	start := time.Now()
	ev = Evidence{Method: MethodRDAP, Server: base.String(), Said: Unknown}
	defer func() { ev.Millis = time.Since(start).Milliseconds() }()
	if err := c.limits.wait(ctx, base.Host); err != nil {
		var ra errRetryAfter
		if errors.As(err, &ra) {
			ev.Detail = ra.Error()
		} else {
			ev.Detail = "rate limit: " + describeErr(err)
		}
		return ev, rdapInfo{}
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	// A copy: openrdap's Request.URL clears the server URL's query in
	// place, and base is shared by every check of the TLD.
	server := *base
	req := (&rdap.Request{Type: rdap.DomainRequest, Query: name}).WithServer(&server).WithContext(ctx)
	resp, err := c.rdap.Do(req)
	var hr *rdap.HTTPResponse
	if resp != nil && len(resp.HTTP) > 0 {
		hr = resp.HTTP[0]
	}
	if hr == nil || hr.Response == nil {
		if hr != nil && hr.Error != nil {
			err = hr.Error
		}
		ev.Detail = describeErr(err)
		return ev, rdapInfo{}
	}
	code := hr.Response.StatusCode
	ev.HTTPStatus = code
	switch {
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		wait := retryAfter(hr.Response.Header, time.Now())
		c.limits.backoff(base.Host, wait)
		ev.Detail = fmt.Sprintf("rate limited or unavailable (HTTP %d, Retry-After %s)", code, wait)
	case code >= 500:
		ev.Detail = fmt.Sprintf("server error (HTTP %d)", code)
	case hr.Error != nil:
		// The body could not be read (too large, cut off) or decoded.
		if errors.Is(hr.Error, errBodyTooLarge) {
			ev.Detail = describeErr(hr.Error)
		} else {
			ev.Detail = fmt.Sprintf("unreadable RDAP answer (HTTP %d): %s", code, describeErr(hr.Error))
		}
	case code == http.StatusNotFound:
		ev.Said = Available
		ev.Detail = "RDAP 404: the registry has no such domain"
	case code == http.StatusOK:
		d, ok := resp.Object.(*rdap.Domain)
		if !ok {
			ev.Detail = fmt.Sprintf("RDAP answer is not a domain object (%T)", resp.Object)
			break
		}
		ev.Said = Taken
		ev.Detail = "RDAP 200: registered"
		if statusHas(d.Status, "reserved") {
			ev.Said = Reserved
			ev.Detail = "RDAP 200 with status reserved"
		}
		info = domainInfo(d)
	default:
		ev.Detail = fmt.Sprintf("unexpected HTTP status %d", code)
	}
	return ev, info
}

// statusHas reports whether an RDAP status list holds word.
func statusHas(statuses []string, word string) bool {
	for _, s := range statuses {
		if strings.Contains(strings.ToLower(s), word) {
			return true
		}
	}
	return false
}

// domainInfo pulls the registrar's name and the expiration date out of a
// domain object (RFC 9083 §5.3, §4.5).
func domainInfo(d *rdap.Domain) rdapInfo {
	var info rdapInfo
	for _, e := range d.Events {
		if strings.EqualFold(e.Action, "expiration") {
			info.expires = e.Date
		}
	}
	for _, ent := range d.Entities {
		for _, role := range ent.Roles {
			if !strings.EqualFold(role, "registrar") {
				continue
			}
			if ent.VCard != nil && ent.VCard.Name() != "" {
				info.registrar = ent.VCard.Name()
			} else {
				info.registrar = ent.Handle
			}
		}
	}
	return info
}
