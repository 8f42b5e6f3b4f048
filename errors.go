// Package atazan holds what every part of the platform shares: the error type
// that carries a stable code, a message for people and the field or line at fault.
//
// Domain packages (charter, and later consultation, commission, referendum, the
// public log) return *Error for every failure a user can cause; storage and HTTP
// translate codes into exit statuses and HTTP statuses and never invent rules.
package atazan

import (
	"errors"
	"fmt"
)

// Error codes. They are stable: the JSON API and the CLI expose them.
const (
	EInvalid      = "invalid"      // input breaks a rule; Field or Line says where
	ENotFound     = "not_found"    // the named object does not exist
	EConflict     = "conflict"     // the change clashes with stored state (duplicate, immutable)
	EUnauthorized = "unauthorized" // no valid credentials
	EForbidden    = "forbidden"    // the role does not allow the action
	ETooLarge     = "too_large"    // input over a size limit
	ERateLimited  = "rate_limited" // too many requests
	EInternal     = "internal"     // a fault of the platform, never of the user
)

// Error is a failure the user can understand and act on.
type Error struct {
	Code    string // one of the E* constants
	Message string // plain language, names what failed and why
	Field   string // the input field at fault, if any (e.g. "iin", "ops[1]")
	Line    int    // the 1-based input line at fault, if any
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Message)
	case e.Field != "":
		return fmt.Sprintf("%s: %s", e.Field, e.Message)
	}
	return e.Message
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// LineErrorf returns an EInvalid *Error that names a 1-based input line.
func LineErrorf(line int, format string, args ...any) *Error {
	return &Error{Code: EInvalid, Line: line, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an EInvalid *Error that names an input field.
func FieldErrorf(field, format string, args ...any) *Error {
	return &Error{Code: EInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is or wraps an *Error, and EInternal otherwise.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EInternal
}

// ErrorMessage returns the message meant for users: the *Error's message, or a
// generic text for internal faults, whose details belong in the server log only.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "Internal error."
}
