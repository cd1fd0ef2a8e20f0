// Package ipc is a runnable example of package frame: a command server that
// takes commands over a connection, makes each durable in a log file before
// it answers, and after a crash recovers its state by replaying the log.
//
// The protocol is a frame stream each way. A client sends command records
// (envelope records holding a records.ExternalStateMutation, numbered by
// their dedup sequence); the server answers each with a response record (an
// Ack, a payload type of this package, kind 1000). For each command the
// server
//
//  1. checks it (it parses and decodes),
//  2. appends it to the log and syncs the log (Writer.Sync),
//  3. applies it to its in-memory State,
//  4. only then answers.
//
// So every acknowledged command is in the log. Open repairs a torn tail
// (frame.Repair: what a crash in the middle of an append leaves) and
// replays the log: the state is then exactly that after the last command
// whose append completed, which includes every acknowledged one, none
// applied twice.
package ipc

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/frame"
	"github.com/walwire/walwire/records"
	"github.com/walwire/walwire/wire"
)

// State is what the commands build: the state of every service, and how
// many commands were applied.
type State struct {
	// Services maps a service name to its key/value state.
	Services map[string]map[string]string
	// Applied counts the commands applied; LastSeq is the last one's dedup
	// sequence.
	Applied, LastSeq uint64
}

// Apply applies one command: it sets the service's keys to the command's
// values (an empty value deletes the key).
func (s *State) Apply(seq uint64, m *records.ExternalStateMutation) {
	if s.Services == nil {
		s.Services = map[string]map[string]string{}
	}
	svc := s.Services[m.ServiceID.ServiceName]
	if svc == nil {
		svc = map[string]string{}
		s.Services[m.ServiceID.ServiceName] = svc
	}
	for _, e := range m.State {
		if len(e.Value) == 0 {
			delete(svc, string(e.Key))
		} else {
			svc[string(e.Key)] = string(e.Value)
		}
	}
	s.Applied++
	s.LastSeq = seq
}

// Clone returns a deep copy of s.
func (s *State) Clone() State {
	c := *s
	c.Services = make(map[string]map[string]string, len(s.Services))
	for k, v := range s.Services {
		c.Services[k] = maps.Clone(v)
	}
	return c
}

// decodeCommand reads a command record.
func decodeCommand(rec []byte) (seq uint64, m records.ExternalStateMutation, err error) {
	raw, err := envelope.Parse(rec)
	if err != nil {
		return 0, m, err
	}
	if err := raw.Decode(&m); err != nil {
		return 0, m, err
	}
	return raw.Header.Dedup.Seq, m, nil
}

// Server is a command server over a log file. It is not safe for
// concurrent use: one connection at a time.
type Server struct {
	f     *os.File
	w     *frame.Writer
	State State
}

// Open opens the log at path (creating it if needed), repairs a torn tail,
// replays the log into the State and returns a Server that appends to it.
// A log with mid-stream corruption is refused (see frame.Repair).
func Open(path string) (*Server, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	f.Close()
	if _, err := frame.Repair(path, frame.Options{}, false); err != nil {
		return nil, err
	}
	if f, err = os.OpenFile(path, os.O_RDWR, 0); err != nil {
		return nil, err
	}
	s := &Server{f: f}
	r := frame.NewReader(f, frame.Options{})
	for off, rec := range r.All() {
		seq, m, err := decodeCommand(rec)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("ipc: the command logged at offset %d: %w", off, err)
		}
		s.State.Apply(seq, &m)
	}
	if err := r.Err(); err != nil {
		f.Close()
		return nil, err
	}
	// The Reader stopped at the end of the log: appends go on from there.
	s.w = frame.NewWriter(f, frame.Options{Sync: f.Sync})
	return s, nil
}

// Serve answers the commands read from conn until conn ends (nil) or fails.
// An invalid command is not logged, not applied and not answered: Serve
// returns its error.
func (s *Server) Serve(conn io.ReadWriter) error {
	in := frame.NewReader(conn, frame.Options{})
	out := frame.NewWriter(conn, frame.Options{})
	for {
		rec, _, err := in.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		seq, m, err := decodeCommand(rec)
		if err != nil {
			return err
		}
		// Durable first: append and sync, then apply, then answer.
		if err := s.w.Write(rec); err != nil {
			return err
		}
		if err := s.w.Sync(); err != nil {
			return err
		}
		s.State.Apply(seq, &m)
		ack := Ack{Seq: seq, Applied: s.State.Applied}
		if err := out.WriteRecord(&envelope.Record{Dedup: envelope.ForeignPartition(0, seq), Payload: &ack}); err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
}

// Close closes the log.
func (s *Server) Close() error { return s.f.Close() }

// Client sends commands and reads their answers.
type Client struct {
	w *frame.Writer
	r *frame.Reader
}

// NewClient returns a Client over conn.
func NewClient(conn io.ReadWriter) *Client {
	return &Client{w: frame.NewWriter(conn, frame.Options{}), r: frame.NewReader(conn, frame.Options{})}
}

// Do sends the command (m, numbered seq) and waits for its Ack.
func (c *Client) Do(seq uint64, m *records.ExternalStateMutation) (Ack, error) {
	rec := envelope.Record{Source: envelope.IngressSource(), Dedup: envelope.ForeignPartition(0, seq), Payload: m}
	if err := c.w.WriteRecord(&rec); err != nil {
		return Ack{}, err
	}
	if err := c.w.Flush(); err != nil {
		return Ack{}, err
	}
	b, _, err := c.r.Next()
	if err != nil {
		return Ack{}, err
	}
	raw, err := envelope.Parse(b)
	if err != nil {
		return Ack{}, err
	}
	var ack Ack
	if err := raw.Decode(&ack); err != nil {
		return Ack{}, err
	}
	if ack.Seq != seq {
		return ack, fmt.Errorf("ipc: the answer to command %d is for command %d", seq, ack.Seq)
	}
	return ack, nil
}

// KindAck is the record kind of Ack: a user kind (1000 and up).
const KindAck envelope.Kind = 1000

func init() {
	envelope.RegisterKind(KindAck, "ipc.Ack", func() envelope.Decodable { return new(Ack) })
}

// Ack is the server's answer to a command: a user-defined payload, the
// protobuf message { uint64 seq = 1; uint64 applied = 2; }.
type Ack struct {
	// Seq is the command's sequence number.
	Seq uint64
	// Applied is the number of commands applied, this one included.
	Applied uint64
}

// Kind returns KindAck.
func (*Ack) Kind() envelope.Kind { return KindAck }

// Codec returns envelope.CodecProtobuf.
func (*Ack) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns no keys.
func (*Ack) Keys() envelope.Keys { return envelope.NoKeys() }

// Validate accepts every Ack.
func (*Ack) Validate() error { return nil }

// Size returns the size of the encoded Ack.
func (a *Ack) Size() int {
	return 2 + wire.SizeVarint(a.Seq) + wire.SizeVarint(a.Applied)
}

// AppendTo appends both fields, always written.
func (a *Ack) AppendTo(b []byte) []byte {
	b = wire.AppendTag(b, 1, wire.VarintType)
	b = wire.AppendVarint(b, a.Seq)
	b = wire.AppendTag(b, 2, wire.VarintType)
	return wire.AppendVarint(b, a.Applied)
}

// errAckField is a field of the wrong type in an Ack.
var errAckField = errors.New("ipc: an Ack field of the wrong type")

// UnmarshalPayload reads an Ack, skipping unknown fields.
func (a *Ack) UnmarshalPayload(b []byte, mode wire.Mode) error {
	*a = Ack{}
	r := wire.NewReader(b, mode)
	for r.Next() {
		var ok bool
		switch r.Number() {
		case 1:
			ok = r.Uint64(&a.Seq)
		case 2:
			ok = r.Uint64(&a.Applied)
		default:
			ok = true
		}
		if !ok {
			return r.Fail(errAckField)
		}
	}
	return r.Err()
}
