package availability

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// WHOIS answers are free text (RFC 3912 defines the transport only); these
// phrases are what the common registry servers write.
var (
	whoisNoMatch = []string{"no match for", "not found", "no data found", "no entries found",
		"no object found", "no matching record", "not registered", "status: free", "status: available",
		"is available for registration"}
	whoisReserved = []string{"status: reserved", "is reserved", "reserved name", "reserved by the registry"}
	whoisPremium  = []string{"premium domain", "premium name"}
	whoisTaken    = []string{"domain name:", "registrar:", "creation date:", "created:", "status: active", "registered"}
)

// askWHOIS asks server (host:port) about name over RFC 3912: the name and
// CRLF, then the answer until the server closes the connection.
func (c *Checker) askWHOIS(ctx context.Context, name, server string) (ev Evidence) {
	start := time.Now()
	ev = Evidence{Method: MethodWHOIS, Server: server, Said: Unknown}
	defer func() { ev.Millis = time.Since(start).Milliseconds() }()
	host, _, err := net.SplitHostPort(server)
	if err != nil {
		host = server
	}
	if err := c.limits.wait(ctx, host); err != nil {
		ev.Detail = "rate limit: " + describeErr(err)
		return ev
	}
	text, err := c.whoisQuery(ctx, name, server)
	if err != nil {
		ev.Detail = describeErr(err)
		return ev
	}
	ev.Said, ev.Detail = classifyWHOIS(text)
	return ev
}

// whoisQuery sends the query and reads the answer, bounded by
// Config.RequestTimeout and Config.MaxBodyBytes.
func (c *Checker) whoisQuery(ctx context.Context, name, server string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", server)
	if err != nil {
		return "", fmt.Errorf("connect to whois %s: %w", server, err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	if _, err := fmt.Fprintf(conn, "%s\r\n", name); err != nil {
		return "", fmt.Errorf("send whois query to %s: %w", server, err)
	}
	body, err := io.ReadAll(io.LimitReader(conn, c.cfg.MaxBodyBytes+1))
	if err != nil {
		return "", fmt.Errorf("read whois answer from %s: %w", server, err)
	}
	if int64(len(body)) > c.cfg.MaxBodyBytes {
		return "", fmt.Errorf("%w (over %d bytes)", errBodyTooLarge, c.cfg.MaxBodyBytes)
	}
	return string(body), nil
}

// classifyWHOIS reads a WHOIS answer's verdict. An answer it cannot read
// is Unknown, never available.
func classifyWHOIS(text string) (Status, string) {
	low := strings.ToLower(text)
	has := func(phrases []string) string {
		for _, p := range phrases {
			if strings.Contains(low, p) {
				return p
			}
		}
		return ""
	}
	if p := has(whoisReserved); p != "" {
		return Reserved, "WHOIS: " + p
	}
	if p := has(whoisPremium); p != "" {
		return Premium, "WHOIS: " + p
	}
	if p := has(whoisNoMatch); p != "" {
		return Available, "WHOIS: " + p
	}
	if p := has(whoisTaken); p != "" {
		return Taken, "WHOIS: " + p
	}
	return Unknown, "WHOIS answer not recognised"
}
