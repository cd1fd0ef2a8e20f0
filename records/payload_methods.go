// The exported methods of the protobuf payloads. They are the same for every
// payload type: each delegates to the type's codec (codec_payloads.go), and
// the logic they share is written once, in appendBinary and decoded.

package records

import (
	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/wire"
)

// codec is what each protobuf payload type's hand-written codec provides to
// the helpers below.
type codec interface {
	size() int
	appendTo(b []byte) []byte
	validate(encoding bool) error
}

// validate reports what a reader would reject in x; a nil x (a typed nil
// payload) is a missing payload, not a panic.
func validate(x codec) error {
	if envelope.IsNil(x) {
		return envelope.MissingField("payload")
	}
	return x.validate(true)
}

// appendBinary appends x to b, growing b at most once, or returns b unchanged
// and the error if x is not valid.
func appendBinary(x codec, b []byte) ([]byte, error) {
	if err := validate(x); err != nil {
		return b, err
	}
	return x.appendTo(grow(b, x.size())), nil
}

// privateCopy returns a copy of the payload b for a decode in wire.Copy
// mode: the value's strings and byte slices alias it, so that the decode
// allocates once, whatever the number of fields. The payload is first
// decoded in place (zero-copy, no allocation), and copied and decoded again
// only if that succeeded, so that a malformed payload allocates only its
// error.
//
// append to a nil slice allocates without zeroing what it copies over
// (make and then copy would clear the whole slice first).
func privateCopy(b []byte) []byte { return append([]byte(nil), b...) }

// decoded finishes a decode of x: the reader's error if any, else what
// validation says of the whole value. (Each UnmarshalPayload calls its own
// mergeFrom directly, so that its Reader stays on the stack.)
func decoded(x codec, err error) error {
	if err != nil {
		return err
	}
	return x.validate(false)
}

// AnnounceLeader

// Kind returns KindAnnounceLeader.
func (x *AnnounceLeader) Kind() envelope.Kind { return KindAnnounceLeader }

// Codec returns envelope.CodecProtobuf.
func (x *AnnounceLeader) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *AnnounceLeader) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *AnnounceLeader) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *AnnounceLeader) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *AnnounceLeader) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *AnnounceLeader) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *AnnounceLeader) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *AnnounceLeader) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *AnnounceLeader) UnmarshalBinary(b []byte) error { return x.UnmarshalPayload(b, wire.Copy) }

// VersionBarrier

// Kind returns KindVersionBarrier.
func (x *VersionBarrier) Kind() envelope.Kind { return KindVersionBarrier }

// Codec returns envelope.CodecProtobuf.
func (x *VersionBarrier) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *VersionBarrier) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *VersionBarrier) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *VersionBarrier) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *VersionBarrier) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *VersionBarrier) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *VersionBarrier) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *VersionBarrier) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *VersionBarrier) UnmarshalBinary(b []byte) error { return x.UnmarshalPayload(b, wire.Copy) }

// PartitionDurability

// Kind returns KindUpdatePartitionDurability.
func (x *PartitionDurability) Kind() envelope.Kind { return KindUpdatePartitionDurability }

// Codec returns envelope.CodecProtobuf.
func (x *PartitionDurability) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *PartitionDurability) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *PartitionDurability) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *PartitionDurability) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *PartitionDurability) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *PartitionDurability) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *PartitionDurability) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *PartitionDurability) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *PartitionDurability) UnmarshalBinary(b []byte) error {
	return x.UnmarshalPayload(b, wire.Copy)
}

// ExternalStateMutation

// Kind returns KindPatchState.
func (x *ExternalStateMutation) Kind() envelope.Kind { return KindPatchState }

// Codec returns envelope.CodecProtobuf.
func (x *ExternalStateMutation) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *ExternalStateMutation) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *ExternalStateMutation) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *ExternalStateMutation) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *ExternalStateMutation) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *ExternalStateMutation) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *ExternalStateMutation) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *ExternalStateMutation) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *ExternalStateMutation) UnmarshalBinary(b []byte) error {
	return x.UnmarshalPayload(b, wire.Copy)
}

// InvocationTermination

// Kind returns KindTerminateInvocation.
func (x *InvocationTermination) Kind() envelope.Kind { return KindTerminateInvocation }

// Codec returns envelope.CodecProtobuf.
func (x *InvocationTermination) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *InvocationTermination) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *InvocationTermination) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *InvocationTermination) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *InvocationTermination) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *InvocationTermination) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *InvocationTermination) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *InvocationTermination) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *InvocationTermination) UnmarshalBinary(b []byte) error {
	return x.UnmarshalPayload(b, wire.Copy)
}

// PurgeInvocationRequest

// Kind returns KindPurgeInvocation.
func (x *PurgeInvocationRequest) Kind() envelope.Kind { return KindPurgeInvocation }

// Codec returns envelope.CodecProtobuf.
func (x *PurgeInvocationRequest) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *PurgeInvocationRequest) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *PurgeInvocationRequest) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *PurgeInvocationRequest) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *PurgeInvocationRequest) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *PurgeInvocationRequest) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *PurgeInvocationRequest) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *PurgeInvocationRequest) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *PurgeInvocationRequest) UnmarshalBinary(b []byte) error {
	return x.UnmarshalPayload(b, wire.Copy)
}

// ServiceInvocation

// Kind returns KindInvoke.
func (x *ServiceInvocation) Kind() envelope.Kind { return KindInvoke }

// Codec returns envelope.CodecProtobuf.
func (x *ServiceInvocation) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *ServiceInvocation) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *ServiceInvocation) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *ServiceInvocation) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *ServiceInvocation) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *ServiceInvocation) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *ServiceInvocation) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *ServiceInvocation) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *ServiceInvocation) UnmarshalBinary(b []byte) error { return x.UnmarshalPayload(b, wire.Copy) }

// TruncateOutbox

// Kind returns KindTruncateOutbox.
func (x *TruncateOutbox) Kind() envelope.Kind { return KindTruncateOutbox }

// Codec returns envelope.CodecProtobuf.
func (x *TruncateOutbox) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *TruncateOutbox) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *TruncateOutbox) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *TruncateOutbox) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *TruncateOutbox) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *TruncateOutbox) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *TruncateOutbox) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *TruncateOutbox) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *TruncateOutbox) UnmarshalBinary(b []byte) error { return x.UnmarshalPayload(b, wire.Copy) }

// ProxyThrough

// Kind returns KindProxyThrough.
func (x *ProxyThrough) Kind() envelope.Kind { return KindProxyThrough }

// Codec returns envelope.CodecProtobuf.
func (x *ProxyThrough) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *ProxyThrough) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *ProxyThrough) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *ProxyThrough) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *ProxyThrough) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *ProxyThrough) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *ProxyThrough) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *ProxyThrough) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *ProxyThrough) UnmarshalBinary(b []byte) error { return x.UnmarshalPayload(b, wire.Copy) }

// AttachInvocationRequest

// Kind returns KindAttachInvocation.
func (x *AttachInvocationRequest) Kind() envelope.Kind { return KindAttachInvocation }

// Codec returns envelope.CodecProtobuf.
func (x *AttachInvocationRequest) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *AttachInvocationRequest) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *AttachInvocationRequest) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *AttachInvocationRequest) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *AttachInvocationRequest) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *AttachInvocationRequest) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *AttachInvocationRequest) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *AttachInvocationRequest) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *AttachInvocationRequest) UnmarshalBinary(b []byte) error {
	return x.UnmarshalPayload(b, wire.Copy)
}

// ResumeInvocationRequest

// Kind returns KindResumeInvocation.
func (x *ResumeInvocationRequest) Kind() envelope.Kind { return KindResumeInvocation }

// Codec returns envelope.CodecProtobuf.
func (x *ResumeInvocationRequest) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *ResumeInvocationRequest) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *ResumeInvocationRequest) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *ResumeInvocationRequest) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *ResumeInvocationRequest) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *ResumeInvocationRequest) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *ResumeInvocationRequest) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *ResumeInvocationRequest) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *ResumeInvocationRequest) UnmarshalBinary(b []byte) error {
	return x.UnmarshalPayload(b, wire.Copy)
}

// RestartAsNewInvocationRequest

// Kind returns KindRestartAsNewInvocation.
func (x *RestartAsNewInvocationRequest) Kind() envelope.Kind { return KindRestartAsNewInvocation }

// Codec returns envelope.CodecProtobuf.
func (x *RestartAsNewInvocationRequest) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *RestartAsNewInvocationRequest) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *RestartAsNewInvocationRequest) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *RestartAsNewInvocationRequest) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *RestartAsNewInvocationRequest) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *RestartAsNewInvocationRequest) AppendBinary(b []byte) ([]byte, error) {
	return appendBinary(x, b)
}

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *RestartAsNewInvocationRequest) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *RestartAsNewInvocationRequest) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *RestartAsNewInvocationRequest) UnmarshalBinary(b []byte) error {
	return x.UnmarshalPayload(b, wire.Copy)
}

// Effect

// Kind returns KindInvokerEffect.
func (x *Effect) Kind() envelope.Kind { return KindInvokerEffect }

// Codec returns envelope.CodecProtobuf.
func (x *Effect) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *Effect) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *Effect) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *Effect) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *Effect) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *Effect) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *Effect) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *Effect) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *Effect) UnmarshalBinary(b []byte) error { return x.UnmarshalPayload(b, wire.Copy) }

// TimerKeyValue

// Kind returns KindTimer.
func (x *TimerKeyValue) Kind() envelope.Kind { return KindTimer }

// Codec returns envelope.CodecProtobuf.
func (x *TimerKeyValue) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *TimerKeyValue) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *TimerKeyValue) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *TimerKeyValue) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *TimerKeyValue) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *TimerKeyValue) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *TimerKeyValue) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *TimerKeyValue) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *TimerKeyValue) UnmarshalBinary(b []byte) error { return x.UnmarshalPayload(b, wire.Copy) }

// InvocationResponse

// Kind returns KindInvocationResponse.
func (x *InvocationResponse) Kind() envelope.Kind { return KindInvocationResponse }

// Codec returns envelope.CodecProtobuf.
func (x *InvocationResponse) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *InvocationResponse) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *InvocationResponse) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *InvocationResponse) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *InvocationResponse) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *InvocationResponse) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *InvocationResponse) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *InvocationResponse) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *InvocationResponse) UnmarshalBinary(b []byte) error { return x.UnmarshalPayload(b, wire.Copy) }

// GetInvocationOutputResponse

// Kind returns KindNotifyGetInvocationOutputResponse.
func (x *GetInvocationOutputResponse) Kind() envelope.Kind {
	return KindNotifyGetInvocationOutputResponse
}

// Codec returns envelope.CodecProtobuf.
func (x *GetInvocationOutputResponse) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *GetInvocationOutputResponse) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *GetInvocationOutputResponse) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *GetInvocationOutputResponse) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *GetInvocationOutputResponse) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *GetInvocationOutputResponse) AppendBinary(b []byte) ([]byte, error) {
	return appendBinary(x, b)
}

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *GetInvocationOutputResponse) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *GetInvocationOutputResponse) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *GetInvocationOutputResponse) UnmarshalBinary(b []byte) error {
	return x.UnmarshalPayload(b, wire.Copy)
}

// NotifySignalRequest

// Kind returns KindNotifySignal.
func (x *NotifySignalRequest) Kind() envelope.Kind { return KindNotifySignal }

// Codec returns envelope.CodecProtobuf.
func (x *NotifySignalRequest) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *NotifySignalRequest) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *NotifySignalRequest) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *NotifySignalRequest) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *NotifySignalRequest) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *NotifySignalRequest) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *NotifySignalRequest) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *NotifySignalRequest) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *NotifySignalRequest) UnmarshalBinary(b []byte) error {
	return x.UnmarshalPayload(b, wire.Copy)
}

// UpsertSchema

// Kind returns KindUpsertSchema.
func (x *UpsertSchema) Kind() envelope.Kind { return KindUpsertSchema }

// Codec returns envelope.CodecProtobuf.
func (x *UpsertSchema) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *UpsertSchema) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *UpsertSchema) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *UpsertSchema) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *UpsertSchema) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *UpsertSchema) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *UpsertSchema) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *UpsertSchema) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *UpsertSchema) UnmarshalBinary(b []byte) error { return x.UnmarshalPayload(b, wire.Copy) }

// UpsertRuleBook

// Kind returns KindUpsertRuleBook.
func (x *UpsertRuleBook) Kind() envelope.Kind { return KindUpsertRuleBook }

// Codec returns envelope.CodecProtobuf.
func (x *UpsertRuleBook) Codec() envelope.Codec { return envelope.CodecProtobuf }

// Keys returns the partition keys the payload touches.
func (x *UpsertRuleBook) Keys() envelope.Keys { return x.keys() }

// Validate reports what a reader would reject.
func (x *UpsertRuleBook) Validate() error { return validate(x) }

// Size returns exactly how many bytes AppendTo writes.
func (x *UpsertRuleBook) Size() int { return x.size() }

// AppendTo appends the encoded payload, unchecked (see Validate).
func (x *UpsertRuleBook) AppendTo(b []byte) []byte { return x.appendTo(b) }

// AppendBinary appends the encoded payload, or returns b unchanged and the
// error if x is not valid.
func (x *UpsertRuleBook) AppendBinary(b []byte) ([]byte, error) { return appendBinary(x, b) }

// MarshalBinary returns the encoded payload in a slice of exactly its size.
func (x *UpsertRuleBook) MarshalBinary() ([]byte, error) { return appendBinary(x, nil) }

// UnmarshalPayload replaces x with the payload b, read in the given mode.
// Slices of x are reused (see the package documentation).
func (x *UpsertRuleBook) UnmarshalPayload(b []byte, mode wire.Mode) error {
	x.reset()
	r := wire.NewReader(b, wire.ZeroCopy)
	if err := decoded(x, x.mergeFrom(&r)); err != nil || mode == wire.ZeroCopy {
		return err
	}
	x.reset()
	r = wire.NewReader(privateCopy(b), wire.ZeroCopy)
	return decoded(x, x.mergeFrom(&r))
}

// UnmarshalBinary replaces x with the payload b, copying strings and bytes.
func (x *UpsertRuleBook) UnmarshalBinary(b []byte) error { return x.UnmarshalPayload(b, wire.Copy) }
