// Command mlagent is the lab's reference hashicorp/memberlist peer: it joins a memberlist cluster
// with LAN defaults, as MetalLB's speaker does, and prints membership events to stdout as JSON
// lines, one object per line:
//
//	{"event":"started|join|leave|update|joined|members|stopped","self":NAME,"node":NAME,"addr":IP,"port":N,"ts":UNIX_MS}
//
// memberlist's own log goes to stderr. Built offline with Debian's Go and
// golang-github-hashicorp-memberlist-dev (GO111MODULE=off GOPATH=/usr/share/gocode).
package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/hashicorp/memberlist"
)

type event struct {
	Event   string `json:"event"`
	Self    string `json:"self"`
	Node    string `json:"node,omitempty"`
	Addr    string `json:"addr,omitempty"`
	Port    uint16 `json:"port,omitempty"`
	Members int    `json:"members,omitempty"`
	Error   string `json:"error,omitempty"`
	Key     string `json:"key,omitempty"`
	Ts      int64  `json:"ts"`
}

var out sync.Mutex

func emit(e event) {
	e.Ts = time.Now().UnixMilli()
	line, _ := json.Marshal(e)
	out.Lock()
	defer out.Unlock()
	fmt.Println(string(line))
}

type delegate struct{ self string }

func (d delegate) NotifyJoin(n *memberlist.Node) {
	emit(event{Event: "join", Self: d.self, Node: n.Name, Addr: n.Addr.String(), Port: n.Port})
}

func (d delegate) NotifyLeave(n *memberlist.Node) {
	emit(event{Event: "leave", Self: d.self, Node: n.Name, Addr: n.Addr.String(), Port: n.Port})
}

func (d delegate) NotifyUpdate(n *memberlist.Node) {
	emit(event{Event: "update", Self: d.self, Node: n.Name, Addr: n.Addr.String(), Port: n.Port})
}

// metallbKey reproduces MetalLB's speakerlist derivation: sha256.New().Sum(secret) appends the
// digest of nothing to the secret, and the key is the first 32 bytes of that.
func metallbKey(secret string) []byte {
	return sha256.New().Sum([]byte(secret))[:32]
}

func main() {
	name := flag.String("name", "", "node name (required)")
	bind := flag.String("bind", "0.0.0.0", "bind address")
	port := flag.Int("port", 7946, "bind and advertise port (TCP and UDP)")
	advertise := flag.String("advertise", "", "advertise address (default: bind address)")
	join := flag.String("join", "", "comma-separated host:port list to join")
	key := flag.String("key", "", "encryption key, base64 (16, 24 or 32 bytes)")
	secret := flag.String("metallb-secret", "", "secret from which to derive the key the MetalLB way")
	leaveOnTerm := flag.Bool("leave-on-term", false, "leave the cluster gracefully on SIGTERM")
	flag.Parse()
	if *name == "" {
		fmt.Fprintln(os.Stderr, "mlagent: -name is required")
		os.Exit(2)
	}

	conf := memberlist.DefaultLANConfig()
	conf.Name = *name
	conf.BindAddr = *bind
	conf.BindPort = *port
	conf.AdvertisePort = *port
	if *advertise != "" {
		conf.AdvertiseAddr = *advertise
	}
	conf.Events = delegate{self: *name}
	conf.LogOutput = os.Stderr
	switch {
	case *key != "" && *secret != "":
		fmt.Fprintln(os.Stderr, "mlagent: give -key or -metallb-secret, not both")
		os.Exit(2)
	case *key != "":
		raw, err := base64.StdEncoding.DecodeString(*key)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mlagent: bad -key:", err)
			os.Exit(2)
		}
		conf.SecretKey = raw
	case *secret != "":
		conf.SecretKey = metallbKey(*secret)
	}

	list, err := memberlist.Create(conf)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mlagent: create:", err)
		os.Exit(1)
	}
	started := event{Event: "started", Self: *name, Addr: *bind, Port: uint16(*port)}
	if conf.SecretKey != nil {
		started.Key = base64.StdEncoding.EncodeToString(conf.SecretKey)
	}
	emit(started)

	if *join != "" {
		n, err := list.Join(strings.Split(*join, ","))
		e := event{Event: "joined", Self: *name, Members: n}
		if err != nil {
			e.Error = err.Error()
		}
		emit(e)
	}

	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	<-signals
	if *leaveOnTerm {
		list.Leave(5 * time.Second)
	}
	list.Shutdown()
	emit(event{Event: "stopped", Self: *name})
}
