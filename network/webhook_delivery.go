package network

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/avenirnet/avenir"
)

// The headers of a delivery.
const (
	// HeaderSignature carries "t=<unix seconds>,v1=<hex HMAC-SHA256>": the
	// HMAC, keyed with the subscription's secret, of the timestamp, a dot
	// and the body. See VerifyWebhook.
	HeaderSignature = "Avenir-Signature"
	HeaderEvent     = "Avenir-Event"    // the event's type
	HeaderDelivery  = "Avenir-Delivery" // the event's ID: the same on every retry, for idempotent receivers
)

// SignWebhook returns the signature header of body sent at t.
func SignWebhook(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + signature(secret, ts, body)
}

func signature(secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts))
	mac.Write([]byte("."))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// ErrSignature is returned by VerifyWebhook for a delivery that is not
// genuine or too old.
var ErrSignature = errors.New("network: webhook signature does not verify")

// VerifyWebhook checks a delivery as a receiver would: the signature header
// must carry a v1 HMAC of "timestamp.body" under secret, and the timestamp
// must be within tolerance of now (against replays; 5 minutes is usual).
func VerifyWebhook(secret, header string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts string
	var sigs []string
	for part := range strings.SplitSeq(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return ErrSignature
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return ErrSignature
	}
	want := []byte(signature(secret, ts, body))
	for _, s := range sigs {
		if hmac.Equal([]byte(s), want) {
			return nil
		}
	}
	return ErrSignature
}

// deliver POSTs an event to a subscription and logs the attempt. A non-2xx
// answer or no answer is an error, which the relay retries with backoff.
func (s *Webhooks) deliver(ctx context.Context, id avenir.ID, e avenir.Event) error {
	w, secret, err := s.store.Webhook(ctx, id)
	if avenir.IsCode(err, avenir.CodeNotFound) {
		return nil // deleted meanwhile
	}
	if err != nil {
		return err
	}
	if !w.DisabledAt.IsZero() || !w.Wants(e) {
		return nil
	}
	e = w.Scope.Redact(e)
	body, err := json.Marshal(e)
	if err != nil {
		return avenir.Internal(err)
	}
	begin := s.cfg.Clock.Now()
	code, sendErr := s.post(ctx, w.URL, secret, e, body)
	d := WebhookDelivery{ID: avenir.NewID(), Webhook: w.ID, Event: e.ID, Type: e.Type, Attempt: max(Attempt(ctx), 1),
		StatusCode: code, Duration: s.cfg.Clock.Now().Sub(begin), At: begin}
	if sendErr != nil {
		d.Error = sendErr.Error()
	}
	disabled, err := s.store.AddWebhookDelivery(ctx, d, s.cfg.Keep, s.cfg.DisableAfter)
	if err != nil {
		return err
	}
	if disabled {
		s.cfg.Log.WarnContext(ctx, "webhooks: subscription disabled after repeated failures", "webhook", w.ID, "url", w.URL)
	}
	return sendErr
}

func (s *Webhooks) post(ctx context.Context, url, secret string, e avenir.Event, body []byte) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Avenir-Webhooks/1")
	req.Header.Set(HeaderEvent, e.Type)
	req.Header.Set(HeaderDelivery, e.ID.String())
	req.Header.Set(HeaderSignature, SignWebhook(secret, s.cfg.Clock.Now(), body))
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}

// errPrivate refuses a connection to a non-public address.
var errPrivate = errors.New("refused: not a public address")

// dialControl refuses, after name resolution, connections to addresses that
// are not public, unless allowed.
func dialControl(allowPrivate bool) func(network, address string, c syscall.RawConn) error {
	return func(_, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip := net.ParseIP(host)
		if ip == nil || !publicIP(ip) {
			return fmt.Errorf("%w: %s", errPrivate, host)
		}
		return nil
	}
}

// publicIP reports whether ip is a public unicast address.
func publicIP(ip net.IP) bool {
	a, ok := netip.AddrFromSlice(ip)
	if !ok {
		return false
	}
	a = a.Unmap()
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsMulticast() || a.IsUnspecified() || a.IsInterfaceLocalMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// nonPublic are the reserved ranges netip does not name: shared address
// space (RFC 6598), documentation, benchmarking, NAT64 and 6to4 relays
// could reach internal hosts.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("2001:db8::/32"),
}
