// Package prompt holds what training and serving must share exactly: the
// cleaning of a business description, the chat messages built from it, the
// GBNF grammar that constrains generation to domain names, and the parser
// that reads the model's answer back.
package prompt
