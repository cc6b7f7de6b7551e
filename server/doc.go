// Package server is domaingen's HTTP API and web page, built on Echo v4.
//
// Routes: POST /v1/suggest (and POST /suggest) for suggestions, GET / for
// the web page, GET /healthz, /readyz, /metrics (Prometheus) and
// /openapi.json. The server sees the model only through suggest.Suggester:
// generations run on a bounded worker pool (Config.Workers, one per llama
// context) behind a bounded queue (Config.QueueDepth); a full queue is 429,
// a request past Config.RequestTimeout is 504, and the deadline reaches the
// Suggester through its context.
//
// Requests with "check_availability" or "only_available" go through
// suggest.Available with the checker given to SetChecker (501 without
// one): generations still run on the pool, the availability checks run on
// the request's goroutine (network waits hold no llama context), and the
// checker's counts reach /metrics through AvailabilityObserver.
//
// Every error response has the same JSON shape (ErrorBody) and its status
// is decided in one place, the Echo HTTPErrorHandler (handleError): 400 for
// invalid input (any error wrapping suggest.ErrInvalidInput), 404, 405,
// 413, 415, 429, 499 (client went away), 501 (availability checking off),
// 503 (not ready), 504 and 500.
// Internal detail is logged, never returned.
package server
