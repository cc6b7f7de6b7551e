package suggest

import "errors"

// ErrInvalidInput wraps every error caused by the request itself (empty or
// over-long description, bad count, unknown TLD); its message is safe to
// show to the user.
var ErrInvalidInput = errors.New("invalid input")
