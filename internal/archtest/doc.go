// Package archtest holds only a test: it enforces the direction of imports
// between domaingen's packages and that cgo stays inside package llama.
package archtest
