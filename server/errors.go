package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"domaingen/suggest"
)

// apiError is an error with the HTTP status and user-facing message it maps
// to. Message must never hold internal detail.
type apiError struct {
	Status  int
	Message string
	// RetryAfter, in whole seconds, is sent as the Retry-After header when
	// positive (429, 503).
	RetryAfter int
}

func (e *apiError) Error() string { return e.Message }

// statusClientClosedRequest is nginx's 499: the client went away before the
// answer was ready. Nobody reads the body; the status keeps these requests
// apart from server failures in logs and metrics.
const statusClientClosedRequest = 499

// Errors the handlers and middleware return; handleError turns them into
// responses.
var (
	errNotReady   = &apiError{Status: http.StatusServiceUnavailable, Message: "the model is still loading; try again shortly", RetryAfter: 5}
	errQueueFull  = &apiError{Status: http.StatusTooManyRequests, Message: "the server is busy; try again shortly", RetryAfter: 2}
	errTimeout    = &apiError{Status: http.StatusGatewayTimeout, Message: "generating suggestions took too long; try again"}
	errClientGone = &apiError{Status: statusClientClosedRequest, Message: "request cancelled by the client"}
	errInternal   = &apiError{Status: http.StatusInternalServerError, Message: "internal server error"}
	errMediaType  = &apiError{Status: http.StatusUnsupportedMediaType, Message: "send the request body as application/json"}
	errNoChecker  = &apiError{Status: http.StatusNotImplemented, Message: "availability checking is off on this server"}
	errDraining   = &apiError{Status: http.StatusServiceUnavailable, Message: "the server is shutting down", RetryAfter: 5}
)

// ErrorBody is the JSON body of every error response, the same shape as a
// suggest response so clients can read one type.
type ErrorBody struct {
	Suggestions []suggest.Suggestion `json:"suggestions"`
	Status      suggest.Status       `json:"status"`
	Message     string               `json:"message"`
	RequestID   string               `json:"request_id,omitempty"`
}

// handleError is the server's echo.HTTPErrorHandler, the one place where an
// error becomes an HTTP status. Internal detail goes to the log, never to
// the client.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	e := classify(err)
	if e.Status >= http.StatusInternalServerError {
		c.Set(ctxKeyError, err.Error())
	}
	if e.RetryAfter > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(e.RetryAfter))
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(e.Status)
		return
	}
	body := ErrorBody{
		Suggestions: []suggest.Suggestion{},
		Status:      suggest.StatusError,
		Message:     e.Message,
		RequestID:   c.Response().Header().Get(echo.HeaderXRequestID),
	}
	if werr := c.JSON(e.Status, body); werr != nil {
		s.log.Debug("write error response", "error", werr.Error())
	}
}

// classify maps any error to the apiError the client sees.
func classify(err error) *apiError {
	var (
		api *apiError
		he  *echo.HTTPError
	)
	switch {
	case errors.As(err, &api):
		return api
	case errors.Is(err, suggest.ErrInvalidInput):
		return &apiError{Status: http.StatusBadRequest, Message: userMessage(err)}
	case errors.Is(err, context.DeadlineExceeded):
		return errTimeout
	case errors.Is(err, context.Canceled):
		return errClientGone
	case errors.As(err, &he):
		return fromHTTPError(he)
	default:
		return errInternal
	}
}

// fromHTTPError maps Echo's own errors (router 404/405, body limit) to
// fixed messages; Echo's messages and internal errors are not passed on.
func fromHTTPError(he *echo.HTTPError) *apiError {
	switch he.Code {
	case http.StatusNotFound:
		return &apiError{Status: he.Code, Message: "no such endpoint; see /openapi.json"}
	case http.StatusMethodNotAllowed:
		return &apiError{Status: he.Code, Message: "method not allowed for this endpoint"}
	case http.StatusRequestEntityTooLarge:
		return errBodyTooLarge
	case http.StatusUnsupportedMediaType:
		return errMediaType
	}
	if text := http.StatusText(he.Code); text != "" && he.Code >= 400 && he.Code < 500 {
		return &apiError{Status: he.Code, Message: strings.ToLower(text)}
	}
	return errInternal
}

// userMessage is the text of an invalid-input error without the generic
// "invalid input: " prefix, which the 400 status already says.
func userMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), suggest.ErrInvalidInput.Error()+": ")
	if msg == "" {
		return suggest.ErrInvalidInput.Error()
	}
	return msg
}
