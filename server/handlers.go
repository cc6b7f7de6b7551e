package server

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"domaingen/prompt"
	"domaingen/suggest"
)

// SuggestResponse is the JSON body of a 200 from POST /v1/suggest: the
// suggest.Response (suggestions, status, message, category, model) plus
// fields the server adds.
type SuggestResponse struct {
	suggest.Response
	// PolicyVersion is Config.PolicyVersion, when set.
	PolicyVersion string `json:"policy_version,omitempty"`
	// RequestID is the X-Request-ID of the request.
	RequestID string `json:"request_id,omitempty"`
}

// blockedMessage is the message of a blocked response when the Suggester
// gave none.
const blockedMessage = "Request contains inappropriate content"

// handleSuggest serves POST /v1/suggest: decode and check the request, run
// the Suggester on a worker under the request deadline, answer.
func (s *Server) handleSuggest(c echo.Context) error {
	sg := s.current()
	if sg == nil {
		return errNotReady
	}
	req, err := s.readRequest(c)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.cfg.RequestTimeout)
	defer cancel()
	// Each generation runs on a worker; availability checks (network
	// waits) run on the request's goroutine and hold no llama context.
	var pooled suggest.Suggester = suggest.SuggesterFunc(func(ctx context.Context, req suggest.Request) (suggest.Response, error) {
		return s.pool.do(ctx, func(ctx context.Context) (suggest.Response, error) {
			return sg.Suggest(ctx, req)
		})
	})
	if req.CheckAvailability {
		chk := s.checker()
		if chk == nil {
			return errNoChecker
		}
		pooled = suggest.NewAvailable(pooled, chk, s.cfg.Availability)
	}
	resp, err := pooled.Suggest(ctx, req)
	if err != nil {
		return s.generationError(ctx, err)
	}
	if err := checkResponse(resp); err != nil {
		return err
	}
	s.metrics.observeResponse(resp)
	return c.JSON(http.StatusOK, s.envelope(c, resp))
}

// readRequest checks the media type, decodes the body and rejects
// descriptions prompt.Clean refuses before they take a place in the queue.
// The Suggester receives the description as sent (it cleans it again).
func (s *Server) readRequest(c echo.Context) (suggest.Request, error) {
	if err := checkMediaType(c.Request()); err != nil {
		return suggest.Request{}, err
	}
	body := http.MaxBytesReader(c.Response(), c.Request().Body, s.cfg.MaxBodyBytes)
	req, err := DecodeRequest(body)
	if err != nil {
		return suggest.Request{}, err
	}
	if s.cfg.LogDescriptions {
		c.Set(ctxKeyDescription, req.Description)
	}
	if _, err := prompt.Clean(req.Description); err != nil {
		return suggest.Request{}, fmt.Errorf("%w: %w", suggest.ErrInvalidInput, err)
	}
	return req, nil
}

// checkMediaType accepts application/json (any parameters), a missing
// Content-Type, and the two types tools send by default for a raw body
// (curl -d sends application/x-www-form-urlencoded; fetch with a string body
// sends text/plain): the body is read as JSON in every case. Anything else
// (multipart forms, XML, ...) is 415.
func checkMediaType(r *http.Request) error {
	ct := r.Header.Get(echo.HeaderContentType)
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return errMediaType
	}
	switch mt {
	case echo.MIMEApplicationJSON, echo.MIMEApplicationForm, echo.MIMETextPlain:
		return nil
	}
	return errMediaType
}

// generationError counts queue rejections and, when the request's own
// deadline or cancellation ended the generation, reports that rather than
// whatever error the Suggester made of it.
func (s *Server) generationError(ctx context.Context, err error) error {
	if errors.Is(err, errQueueFull) {
		s.metrics.rejected.WithLabelValues(reasonQueueFull).Inc()
		return err
	}
	if errors.Is(err, suggest.ErrInvalidInput) {
		return err
	}
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		return fmt.Errorf("%w (suggester: %w)", ctxErr, err)
	}
	return err
}

// checkResponse rejects a response the Suggester should never produce:
// failures must come as errors, not as a status.
func checkResponse(resp suggest.Response) error {
	switch resp.Status {
	case suggest.StatusSuccess, suggest.StatusBlocked:
		return nil
	default:
		return fmt.Errorf("suggester returned status %q without an error (message %q)", resp.Status, resp.Message)
	}
}

// envelope adds the server's fields to resp and makes sure suggestions
// serialise as [] (a blocked response never carries any).
func (s *Server) envelope(c echo.Context, resp suggest.Response) SuggestResponse {
	if resp.Suggestions == nil || resp.Status == suggest.StatusBlocked {
		resp.Suggestions = []suggest.Suggestion{}
	}
	if resp.Status == suggest.StatusBlocked && resp.Message == "" {
		resp.Message = blockedMessage
	}
	return SuggestResponse{
		Response:      resp,
		PolicyVersion: s.cfg.PolicyVersion,
		RequestID:     c.Response().Header().Get(echo.HeaderXRequestID),
	}
}

// StatusBody is the JSON body of /healthz and of /readyz when ready.
type StatusBody struct {
	Status string `json:"status"`
}

// handleHealth serves GET /healthz: 200 while the process can answer.
func (s *Server) handleHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, StatusBody{Status: "ok"})
}

// handleReady serves GET /readyz: 200 once a Suggester is set, 503 before
// that and while shutting down.
func (s *Server) handleReady(c echo.Context) error {
	switch {
	case s.draining.Load():
		return errDraining
	case s.current() == nil:
		return errNotReady
	}
	return c.JSON(http.StatusOK, StatusBody{Status: "ready"})
}

// metricsHandler serves the server's own registry in the Prometheus text
// format.
func (s *Server) metricsHandler() http.Handler {
	return promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{Registry: s.metrics.registry})
}
