package records

import (
	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/wire"
)

// resultOneof is the layout of a message's result oneof: the field number of
// each member it allows, by ResultKind (0 for a member it does not allow).
// The three messages with a result oneof keep it in their Result, Success
// and Failure fields and share its codec through their layout.
type resultOneof [ResultVoid + 1]wire.Number

var (
	// InvocationResponse: oneof result { bytes success = 2; Failure failure = 3; }
	invocationResponseResult = resultOneof{ResultSuccess: 2, ResultFailure: 3}
	// GetInvocationOutputResponse: oneof result { Empty not_found = 2;
	// Empty not_ready = 3; bytes success = 4; Failure failure = 5; }
	outputResult = resultOneof{ResultNotFound: 2, ResultNotReady: 3, ResultSuccess: 4, ResultFailure: 5}
	// Signal: oneof result { Empty void = 3; bytes success = 4; Failure failure = 5; }
	signalResult = resultOneof{ResultVoid: 3, ResultSuccess: 4, ResultFailure: 5}
)

// resultNames are the members' field names, by ResultKind.
var resultNames = [...]string{"", "success", "failure", "not_found", "not_ready", "void"}

// field returns the field number of member k, or 0 if the oneof has no such
// member.
func (o *resultOneof) field(k ResultKind) wire.Number {
	if int(k) < len(o) {
		return o[k]
	}
	return 0
}

// size returns the size of member k (0 if none).
func (o *resultOneof) size(k ResultKind, success []byte, failure *Failure) int {
	switch {
	case o.field(k) == 0:
		return 0
	case k == ResultSuccess:
		return sizeLen(len(success))
	case k == ResultFailure:
		return sizeLen(failure.size())
	}
	return 2 // an Empty member: tag and zero length
}

// appendTo appends member k (nothing if none).
func (o *resultOneof) appendTo(b []byte, k ResultKind, success []byte, failure *Failure) []byte {
	num := o.field(k)
	switch {
	case num == 0:
		return b
	case k == ResultSuccess:
		return wire.AppendBytes(append(b, lenTag(num)), success)
	case k == ResultFailure:
		return endLen(failure.appendTo(beginLen(b, lenTag(num))), len(b))
	}
	return append(b, lenTag(num), 0)
}

// merge reads the current field of r into the oneof if it is one of its
// members (it skips any other field). A member other than the one set
// replaces it, clearing the others' fields.
func (o *resultOneof) merge(r *wire.Reader, kind *ResultKind, success *[]byte, failure *Failure) error {
	if r.Type() != wire.BytesType {
		return nil
	}
	k := ResultNone
	for m, num := range o {
		if num != 0 && num == r.Number() {
			k = ResultKind(m)
		}
	}
	if k == ResultNone {
		return nil
	}
	if *kind != k {
		*kind, *success, *failure = k, nil, Failure{}
	}
	switch k {
	case ResultSuccess:
		r.Bytes(success)
		return nil
	case ResultFailure:
		return mergeFailure(r, failure, "failure")
	}
	return within(readEmpty(r), resultNames[k])
}

// validate checks a required result oneof: set, to one of its members.
func (o *resultOneof) validate(k ResultKind, failure *Failure, enc check) error {
	switch {
	case k == ResultNone:
		return envelope.MissingField("result")
	case o.field(k) == 0:
		return envelope.InvalidValue("result")
	case k == ResultFailure:
		return validateFailure(failure, enc, "failure")
	}
	return nil
}

// mergeResponse reads a response message: JournalCompletionTarget target = 1
// and a result oneof (InvocationResponse, GetInvocationOutputResponse).
func mergeResponse(r *wire.Reader, target *JournalCompletionTarget, o *resultOneof, kind *ResultKind, success *[]byte, failure *Failure) error {
	var sub wire.Reader
	for r.Next() {
		var err error
		if r.Number() == 1 {
			if r.MessageInto(&sub) {
				err = within(target.mergeFrom(&sub), "target")
			}
		} else {
			err = o.merge(r, kind, success, failure)
		}
		if err != nil {
			return err
		}
	}
	return r.Err()
}
