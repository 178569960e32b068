// Package internal stands in for a sibling repository's code.
package internal

func Serve() {}
