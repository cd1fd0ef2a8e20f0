package samples_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/walwire/walwire/envelope"
	"github.com/walwire/walwire/internal/samples"
	"github.com/walwire/walwire/records"
)

func TestSizes(t *testing.T) {
	if n := samples.Small().Size(); n != 31 {
		t.Errorf("Small is %d bytes, want 31", n)
	}
	if n := samples.Medium().Size(); n < 490 || n > 550 {
		t.Errorf("Medium is %d bytes, want about 520", n)
	}
	if n := len(samples.Large().Argument); n != 64<<10 {
		t.Errorf("Large argument is %d bytes, want 64 KiB", n)
	}
}

func TestValidAndOrdered(t *testing.T) {
	for name, ps := range map[string][]records.Payload{"Full": samples.Full(), "Minimal": samples.Minimal()} {
		if len(ps) != 22 {
			t.Fatalf("%s has %d values, want 22", name, len(ps))
		}
		for i, p := range ps {
			if p.Kind() != envelope.Kind(i+1) {
				t.Errorf("%s()[%d] is %v", name, i, p.Kind())
			}
		}
	}
	all := samples.All()
	if !reflect.DeepEqual(all[:22], samples.Full()) {
		t.Error("All does not start with Full")
	}
	for i, p := range append(all, samples.Minimal()...) {
		if err := p.Validate(); err != nil {
			t.Errorf("%d %v: %v", i, p.Kind(), err)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := samples.All(), samples.All()
	for i := range a {
		if !bytes.Equal(a[i].AppendTo(nil), b[i].AppendTo(nil)) {
			t.Errorf("value %d differs between calls", i)
		}
	}
	// Fresh values: modifying one does not modify the next.
	m := samples.Medium()
	m.Argument[0]++
	m.Headers[0].Name = "x"
	if n := samples.Medium(); n.Argument[0] == m.Argument[0] || n.Headers[0].Name == "x" {
		t.Error("Medium shares memory between calls")
	}
}

// TestEveryMember checks that the samples exercise every oneof member.
func TestEveryMember(t *testing.T) {
	seen := map[string]bool{}
	mark := func(s string) { seen[s] = true }
	sink := func(s records.ResponseSink) { mark("sink" + string('0'+rune(s.Kind))) }
	inv := func(si *records.ServiceInvocation) {
		mark("source" + string('0'+rune(si.Source.Kind)))
		sink(si.ResponseSink)
		sink(si.SubmitNotificationSink)
		if si.ExecutionTimeMs.Set && si.ExecutionTimeMs.Value == 0 {
			mark("optional zero")
		}
	}
	for _, p := range samples.All() {
		switch p := p.(type) {
		case *records.ServiceInvocation:
			inv(p)
		case *records.ProxyThrough:
			inv(&p.Invocation)
		case *records.InvocationTermination:
			mark("flavor" + string('0'+rune(p.Flavor)))
			sink(p.ResponseSink)
		case *records.AttachInvocationRequest:
			mark("query" + string('0'+rune(p.Query.Kind)))
		case *records.Effect:
			mark("effect" + string('0'+rune(p.EffectKind)))
		case *records.TimerKeyValue:
			mark("timer" + string('0'+rune(p.ValueKind)))
		case *records.ScheduleTimer:
			mark("timer" + string('0'+rune(p.ValueKind)))
		case *records.InvocationResponse:
			mark("response" + string('0'+rune(p.Result)))
		case *records.GetInvocationOutputResponse:
			mark("output" + string('0'+rune(p.Result)))
		case *records.NotifySignalRequest:
			mark("signalid" + string('0'+rune(p.Signal.ID)))
			mark("signal" + string('0'+rune(p.Signal.Result)))
		}
	}
	for _, want := range []string{
		"sink1", "sink2", "source1", "source2", "source3", "optional zero", "flavor1", "flavor2",
		"query1", "query2", "query3", "effect2", "effect3", "effect4", "effect5", "effect6",
		"timer2", "timer3", "timer4", "timer5", "response1", "response2",
		"output1", "output2", "output3", "output4", "signalid1", "signalid2", "signal1", "signal2", "signal5",
	} {
		if !seen[want] {
			t.Errorf("no sample with %s", want)
		}
	}
}
