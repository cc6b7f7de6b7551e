package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"domaingen/availability"
)

func init() {
	commands["check"] = command{summary: "check whether domain names can be registered (DNS, RDAP, WHOIS)", run: runCheck}
}

// availabilityFlags holds the flags that configure an availability.Checker,
// shared by check, suggest and serve.
type availabilityFlags struct {
	resolver      string
	bootstrapURL  string
	bootstrapFile string
	whois         string
	unreliable404 string
	nameTimeout   time.Duration
	hostRate      float64
}

// register adds the flags to fs.
func (f *availabilityFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.resolver, "resolver", "", "DNS server host:port for the NS lookup, or \"off\" (default $DOMAINGEN_RESOLVER, else the first nameserver of /etc/resolv.conf)")
	fs.StringVar(&f.bootstrapURL, "rdap-bootstrap", "", "base URL of the IANA RDAP bootstrap files, refreshed every 24 h, or \"off\" to keep the shipped snapshot (default $DOMAINGEN_RDAP_BOOTSTRAP, else "+availability.DefaultBootstrapURL+")")
	fs.StringVar(&f.bootstrapFile, "rdap-bootstrap-file", "", "a local dns.json (RFC 9224) used instead of the shipped snapshot")
	fs.StringVar(&f.whois, "whois", "", "WHOIS servers for TLDs without RDAP, as tld=host:port,... (e.g. \"co=whois.registry.co:43\")")
	fs.StringVar(&f.unreliable404, "unreliable-404", "", "comma-separated TLDs whose RDAP 404 alone is not trusted: available only if NXDOMAIN or WHOIS agrees")
	fs.DurationVar(&f.nameTimeout, "check-timeout", availability.DefaultNameTimeout, "deadline of one name's check")
	fs.Float64Var(&f.hostRate, "rdap-rate", availability.DefaultHostRate, "requests per second to one RDAP or WHOIS host")
}

// config turns the flags (and the environment, for unset ones) into an
// availability.Config.
func (f *availabilityFlags) config() (availability.Config, error) {
	cfg := availability.Config{NameTimeout: f.nameTimeout, HostRate: f.hostRate}
	switch r := firstNonEmpty(f.resolver, os.Getenv("DOMAINGEN_RESOLVER")); r {
	case "off":
	case "":
		cfg.Resolver = availability.SystemResolver()
	default:
		cfg.Resolver = r
	}
	cfg.BootstrapURL = firstNonEmpty(f.bootstrapURL, os.Getenv("DOMAINGEN_RDAP_BOOTSTRAP"))
	if f.bootstrapFile != "" {
		data, err := os.ReadFile(f.bootstrapFile)
		if err != nil {
			return cfg, fmt.Errorf("read RDAP bootstrap file: %w", err)
		}
		cfg.BootstrapJSON = data
	}
	if f.whois != "" {
		cfg.WHOIS = map[string]string{}
		for _, item := range splitList(f.whois) {
			tld, addr, ok := strings.Cut(item, "=")
			if !ok || tld == "" || addr == "" {
				return cfg, usageError("--whois wants tld=host:port, got %q", item)
			}
			if !strings.Contains(addr, ":") {
				addr += ":43"
			}
			cfg.WHOIS[strings.TrimPrefix(strings.ToLower(tld), ".")] = addr
		}
	}
	for _, tld := range splitList(f.unreliable404) {
		if cfg.Policies == nil {
			cfg.Policies = map[string]availability.TLDPolicy{}
		}
		cfg.Policies[strings.TrimPrefix(strings.ToLower(tld), ".")] = availability.TLDPolicy{Unreliable404: true}
	}
	return cfg, nil
}

// checker builds the Checker the flags describe.
func (f *availabilityFlags) checker(obs availability.Observer) (*availability.Checker, error) {
	cfg, err := f.config()
	if err != nil {
		return nil, err
	}
	cfg.Observer = obs
	return availability.New(cfg)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		af     availabilityFlags
		asJSON = fs.Bool("json", false, "print one JSON object per name (the API's availability object)")
	)
	af.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: domaingen check [flags] NAME...

Checks whether each name can be registered: an NS lookup first (delegated
means taken), then the TLD's RDAP server from the IANA bootstrap registry
(200 taken, 404 available), then WHOIS where --whois names a server. Errors,
timeouts, 429 and 5xx answers are "unknown", never "available".

One line per name: name, status, method, server, time of the check, reason.

Examples:
  domaingen check coffeemug.com groundcoffee.io
  domaingen check --json --resolver 1.1.1.1:53 example.org
  domaingen check --rdap-bootstrap off --resolver off example.com   # shipped snapshot, RDAP only

Exit status: 0 when every name was checked (whatever the answers), 2 for bad
flags or no names.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError("at least one domain name is required")
	}
	chk, err := af.checker(nil)
	if err != nil {
		return err
	}
	results := chk.CheckAll(ctx, fs.Args())
	if *asJSON {
		enc := json.NewEncoder(stdout)
		for _, r := range results {
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("write result: %w", err)
			}
		}
		return nil
	}
	for _, r := range results {
		printResult(stdout, r)
	}
	return nil
}

// printResult writes one name's answer on one line.
func printResult(w io.Writer, r availability.Result) {
	server := r.Server
	if server == "" {
		server = "-"
	}
	code := ""
	switch {
	case r.HTTPStatus != 0:
		code = fmt.Sprintf(" (HTTP %d)", r.HTTPStatus)
	case r.Rcode != "":
		code = " (" + r.Rcode + ")"
	}
	cached := ""
	if r.Cached {
		cached = " cached"
	}
	fmt.Fprintf(w, "%-28s %-9s %-5s %s%s %s%s  %s\n", r.Domain, r.Status, r.Method, server, code,
		r.CheckedAt.Format(time.RFC3339), cached, r.Reason)
}

// resolverForLog says which resolver the flags pick, for the start-up log.
func (f *availabilityFlags) resolverForLog() string {
	cfg, err := f.config()
	if err != nil || cfg.Resolver == "" {
		return "off"
	}
	return cfg.Resolver
}
