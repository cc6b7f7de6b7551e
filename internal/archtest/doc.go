// Package archtest holds only a test: it has a rule for every package of
// the module (the module packages it may import, the dependencies it must
// never have, whether it is standard-library only), fails on a package
// without a rule and on a rule for a package that is gone, checks that cgo
// stays inside package llama, and checks that docs/architecture.md's
// package table and README's package map list every package and edge.
package archtest
