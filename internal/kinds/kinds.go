// Package kinds is the registry of record kinds shared by package envelope
// (which names kinds and decodes by kind) and package records (which
// registers walwire's own kinds, the reserved ones).
package kinds

import (
	"strconv"
	"sync"
)

// FirstUser is the first kind number open to users; the kinds below it
// (from 1) are reserved for walwire's record set.
const FirstUser = 1000

type entry struct {
	name string
	new  func() any
}

var (
	mu     sync.RWMutex
	byKind = map[uint32]entry{}
	byName = map[string]uint32{}
)

// Register records kind k with its name and constructor. reserved says
// whether the caller is walwire's record set (kinds 1 to FirstUser-1) or a
// user (kinds from FirstUser up). It panics, registering nothing, on a kind
// out of the caller's range, on a kind or a name already registered, on an
// empty name or a nil constructor.
func Register(k uint32, name string, new func() any, reserved bool) {
	switch {
	case k == 0:
		panic("walwire: kind 0 is the unknown kind and cannot be registered")
	case reserved && k >= FirstUser:
		panic("walwire: kind " + strconv.FormatUint(uint64(k), 10) + " is a user kind, not one of walwire's")
	case !reserved && k < FirstUser:
		panic("walwire: kind " + strconv.FormatUint(uint64(k), 10) + " is reserved for walwire's record set; user kinds start at 1000")
	case name == "":
		panic("walwire: kind " + strconv.FormatUint(uint64(k), 10) + " registered without a name")
	case new == nil:
		panic("walwire: kind " + strconv.FormatUint(uint64(k), 10) + " registered without a constructor")
	}
	mu.Lock()
	defer mu.Unlock()
	if e, ok := byKind[k]; ok {
		panic("walwire: kind " + strconv.FormatUint(uint64(k), 10) + " is already registered, as " + e.name)
	}
	if other, ok := byName[name]; ok {
		panic("walwire: kind name " + strconv.Quote(name) + " is already registered, for kind " + strconv.FormatUint(uint64(other), 10))
	}
	byKind[k] = entry{name: name, new: new}
	byName[name] = k
}

// Name returns the registered name of kind k, and whether there is one.
func Name(k uint32) (string, bool) {
	mu.RLock()
	e, ok := byKind[k]
	mu.RUnlock()
	return e.name, ok
}

// New returns a new value from kind k's constructor, or nil if k is not
// registered.
func New(k uint32) any {
	mu.RLock()
	e, ok := byKind[k]
	mu.RUnlock()
	if !ok {
		return nil
	}
	return e.new()
}

// ByName returns the kind registered with name, and whether there is one.
func ByName(name string) (uint32, bool) {
	mu.RLock()
	k, ok := byName[name]
	mu.RUnlock()
	return k, ok
}
