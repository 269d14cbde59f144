// Runtime ABI check of the C back end on the networking world (Scripts/check-c-runtime).
//
// Built against the header witgen generates for Tests/Fixtures/CRuntime/wit (world
// test:runtime/runtime = wasi:networking/networking@0.1.0 + `export run: func() -> string`),
// whose import adapters are Generated/C/networking.h's (the script checks that). The guest calls
// every function of socket-tcp, socket-udp and ip-resolve-address with distinctive values, and
// checks every field of what the fake host (Tests/Fixtures/CRuntime/host.py) returns: both arms
// of each result, both cases of each variant, records, tuples, lists, options and handles. The
// host checks the arguments it receives. `run` returns "ok N checks" or the first mismatch.
//
// The values here and in host.py must agree; each constant names its counterpart.
#define RUNTIME_IMPLEMENTATION
#include "runtime.h"

typedef wasi_networking_socket_ip_socket_address_t sockaddr_t;
typedef wasi_networking_socket_ip_address_t ipaddr_t;
typedef wasi_networking_socket_error_code_t error_t;

// --- checks ----------------------------------------------------------------------------------

static uint32_t checks;
static char failure[200];
static size_t failure_len;

static void put(const char *s) {
    while (*s && failure_len + 1 < sizeof(failure)) failure[failure_len++] = *s++;
}

static void put_u64(uint64_t value) {
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char) ('0' + value % 10);
        value /= 10;
    } while (value);
    char text[24];
    for (int i = 0; i < n; i++) text[i] = digits[n - 1 - i];
    text[n] = 0;
    put(text);
}

// Counts one check; the first that fails is reported as "line L: EXPR: got G, want W".
static void check_eq(uint64_t got, uint64_t want, int line, const char *expr) {
    checks++;
    if (got == want || failure_len) return;
    put("line ");
    put_u64((uint64_t) line);
    put(": ");
    put(expr);
    put(": got ");
    put_u64(got);
    put(", want ");
    put_u64(want);
}

#define EQ(got, want) check_eq((uint64_t) (got), (uint64_t) (want), __LINE__, #got)
#define TRUE(cond) check_eq((cond) ? 1 : 0, 1, __LINE__, #cond)

// --- distinctive values (host.py: A4, A6, R4, R6, ...) ---------------------------------------

// Fills a value with 0xa5 bytes first, so that padding and unused union bytes are garbage:
// an adapter must lower only the fields of the case in use.
#define GARBAGE(x) memset(&(x), 0xa5, sizeof(x))

static sockaddr_t ipv4_sockaddr(uint16_t port, uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
    sockaddr_t s;
    GARBAGE(s);
    s.tag = WASI_NETWORKING_SOCKET_IP_SOCKET_ADDRESS_IPV4;
    s.val.ipv4.port = port;
    s.val.ipv4.address.f0 = a;
    s.val.ipv4.address.f1 = b;
    s.val.ipv4.address.f2 = c;
    s.val.ipv4.address.f3 = d;
    return s;
}

static sockaddr_t ipv6_sockaddr(uint16_t port, uint32_t flow_info, const uint16_t segments[8], uint32_t scope_id) {
    sockaddr_t s;
    GARBAGE(s);
    s.tag = WASI_NETWORKING_SOCKET_IP_SOCKET_ADDRESS_IPV6;
    s.val.ipv6.port = port;
    s.val.ipv6.flow_info = flow_info;
    s.val.ipv6.address.f0 = segments[0];
    s.val.ipv6.address.f1 = segments[1];
    s.val.ipv6.address.f2 = segments[2];
    s.val.ipv6.address.f3 = segments[3];
    s.val.ipv6.address.f4 = segments[4];
    s.val.ipv6.address.f5 = segments[5];
    s.val.ipv6.address.f6 = segments[6];
    s.val.ipv6.address.f7 = segments[7];
    s.val.ipv6.scope_id = scope_id;
    return s;
}

static const uint16_t A6_SEGMENTS[8] = {0x2001, 0x0db8, 0x85a3, 0xfedc, 0x8a2e, 0x0370, 0x7334, 0xffff};
static const uint16_t R6_SEGMENTS[8] = {0xfe80, 0x1111, 0x2222, 0x3333, 0x8444, 0x9555, 0xa666, 0xb777};

// What the guest sends: A4 = 192.168.127.254:48879, A6 = [2001:db8:85a3:fedc:8a2e:370:7334:ffff]:61453.
static sockaddr_t A4(void) { return ipv4_sockaddr(0xbeef, 192, 168, 127, 254); }
static sockaddr_t A6(void) { return ipv6_sockaddr(0xf00d, 0xabcdef12u, A6_SEGMENTS, 0x89abcdefu); }
// What the host returns: R4 = 203.0.113.153:51966, R6 = [fe80:1111:...:b777]:53261.
static sockaddr_t R4(void) { return ipv4_sockaddr(0xcafe, 203, 0, 113, 153); }
static sockaddr_t R6(void) { return ipv6_sockaddr(0xd00d, 0xfedcba98u, R6_SEGMENTS, 0xc0ffee01u); }

static void check_sockaddr(const sockaddr_t *got, sockaddr_t want, int line) {
    check_eq(got->tag, want.tag, line, "socket address tag");
    if (got->tag != want.tag) return;
    if (want.tag == WASI_NETWORKING_SOCKET_IP_SOCKET_ADDRESS_IPV4) {
        check_eq(got->val.ipv4.port, want.val.ipv4.port, line, "ipv4 port");
        check_eq(got->val.ipv4.address.f0, want.val.ipv4.address.f0, line, "ipv4 address.f0");
        check_eq(got->val.ipv4.address.f1, want.val.ipv4.address.f1, line, "ipv4 address.f1");
        check_eq(got->val.ipv4.address.f2, want.val.ipv4.address.f2, line, "ipv4 address.f2");
        check_eq(got->val.ipv4.address.f3, want.val.ipv4.address.f3, line, "ipv4 address.f3");
    } else {
        check_eq(got->val.ipv6.port, want.val.ipv6.port, line, "ipv6 port");
        check_eq(got->val.ipv6.flow_info, want.val.ipv6.flow_info, line, "ipv6 flow-info");
        check_eq(got->val.ipv6.address.f0, want.val.ipv6.address.f0, line, "ipv6 address.f0");
        check_eq(got->val.ipv6.address.f1, want.val.ipv6.address.f1, line, "ipv6 address.f1");
        check_eq(got->val.ipv6.address.f2, want.val.ipv6.address.f2, line, "ipv6 address.f2");
        check_eq(got->val.ipv6.address.f3, want.val.ipv6.address.f3, line, "ipv6 address.f3");
        check_eq(got->val.ipv6.address.f4, want.val.ipv6.address.f4, line, "ipv6 address.f4");
        check_eq(got->val.ipv6.address.f5, want.val.ipv6.address.f5, line, "ipv6 address.f5");
        check_eq(got->val.ipv6.address.f6, want.val.ipv6.address.f6, line, "ipv6 address.f6");
        check_eq(got->val.ipv6.address.f7, want.val.ipv6.address.f7, line, "ipv6 address.f7");
        check_eq(got->val.ipv6.scope_id, want.val.ipv6.scope_id, line, "ipv6 scope-id");
    }
}

#define SOCKADDR(got, want) check_sockaddr(&(got), (want), __LINE__)

// Byte patterns (host.py: pattern()): byte i of pattern(seed, n) is (i * 7 + seed) & 0xff.
static uint8_t *pattern(uint8_t seed, size_t n) {
    uint8_t *bytes = malloc(n ? n : 1);
    for (size_t i = 0; i < n; i++) bytes[i] = (uint8_t) (i * 7 + seed);
    return bytes;
}

static void check_pattern(const runtime_list_u8_t *got, uint8_t seed, size_t n, int line) {
    check_eq(got->len, n, line, "list<u8> length");
    if (got->len != n) return;
    size_t wrong = n;
    for (size_t i = 0; i < n; i++) {
        if (got->ptr[i] != (uint8_t) (i * 7 + seed)) {
            wrong = i;
            break;
        }
    }
    check_eq(wrong, n, line, "index of the first wrong byte of list<u8>");
}

#define PATTERN(got, seed, n) check_pattern(&(got), (seed), (n), __LINE__)

// --- socket-tcp ------------------------------------------------------------------------------

#define TCP(name) wasi_networking_socket_tcp_##name

static void tcp(void) {
    error_t err;
    sockaddr_t address, sent;

    TCP(own_tcp_network_t) network = TCP(default_tcp_network)();  // host: rep TCP_NETWORK
    TCP(borrow_tcp_network_t) net = TCP(borrow_tcp_network)(network);

    // create-tcp-socket: ok(socket), err(address-family-not-supported), ok(socket 2), ok(socket 3).
    TCP(own_tcp_socket_t) socket1, socket2, socket3;
    GARBAGE(socket1);
    TRUE(TCP(method_tcp_network_create_tcp_socket)(net, WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV6, &socket1, &err));
    err = 0xee;
    TRUE(!TCP(method_tcp_network_create_tcp_socket)(net, WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV4, &socket2, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_ADDRESS_FAMILY_NOT_SUPPORTED);
    TRUE(TCP(method_tcp_network_create_tcp_socket)(net, WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV4, &socket2, &err));
    TRUE(TCP(method_tcp_network_create_tcp_socket)(net, WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV6, &socket3, &err));
    TRUE(socket1.__handle != socket2.__handle && socket2.__handle != socket3.__handle);

    TCP(borrow_tcp_socket_t) s1 = TCP(borrow_tcp_socket)(socket1);
    EQ(TCP(method_tcp_socket_protocol)(s1), WASI_NETWORKING_SOCKET_SOCKET_PROTOCOL_UDP);
    EQ(TCP(method_tcp_socket_protocol)(s1), WASI_NETWORKING_SOCKET_SOCKET_PROTOCOL_TCP);
    EQ(TCP(method_tcp_socket_address_family)(s1), WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV6);
    EQ(TCP(method_tcp_socket_address_family)(s1), WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV4);

    // bind: A4 -> ok, A6 -> err(already-bound).
    sent = A4();
    TRUE(TCP(method_tcp_socket_bind)(s1, &sent, &err));
    sent = A6();
    err = 0xee;
    TRUE(!TCP(method_tcp_socket_bind)(s1, &sent, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_ALREADY_BOUND);

    // local-address: ok(R6), ok(R4), err(not-bound).
    GARBAGE(address);
    TRUE(TCP(method_tcp_socket_local_address)(s1, &address, &err));
    SOCKADDR(address, R6());
    GARBAGE(address);
    TRUE(TCP(method_tcp_socket_local_address)(s1, &address, &err));
    SOCKADDR(address, R4());
    err = 0xee;
    TRUE(!TCP(method_tcp_socket_local_address)(s1, &address, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_NOT_BOUND);

    // connect (static, consumes the socket): A6 -> err({socket 1 back, connection-refused});
    // A4 with the socket handed back -> ok(connection 1).
    TCP(own_tcp_connection_t) connection1;
    TCP(tcp_socket_error_t) socket_error;
    GARBAGE(socket_error);
    sent = A6();
    TRUE(!TCP(static_tcp_socket_connect)(socket1, &sent, &connection1, &socket_error));
    EQ(socket_error.error, WASI_NETWORKING_SOCKET_ERROR_CODE_CONNECTION_REFUSED);
    TRUE(socket_error.socket.__handle != 0);
    GARBAGE(connection1);
    sent = A4();
    TRUE(TCP(static_tcp_socket_connect)(socket_error.socket, &sent, &connection1, &socket_error));

    // listen (static): backlog 0xdeadbeef -> err({socket 2 back, address-in-use}); 7 -> ok(listener).
    TCP(own_tcp_listener_t) listener;
    GARBAGE(socket_error);
    TRUE(!TCP(static_tcp_socket_listen)(socket2, 0xdeadbeefu, &listener, &socket_error));
    EQ(socket_error.error, WASI_NETWORKING_SOCKET_ERROR_CODE_ADDRESS_IN_USE);
    GARBAGE(listener);
    TRUE(TCP(static_tcp_socket_listen)(socket_error.socket, 7, &listener, &socket_error));

    // socket 3 is dropped unused (host: the dtor sees its rep).
    TCP(tcp_socket_drop_own)(socket3);

    TCP(borrow_tcp_listener_t) l = TCP(borrow_tcp_listener)(listener);
    EQ(TCP(method_tcp_listener_protocol)(l), WASI_NETWORKING_SOCKET_SOCKET_PROTOCOL_TCP);
    EQ(TCP(method_tcp_listener_address_family)(l), WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV4);
    GARBAGE(address);
    TRUE(TCP(method_tcp_listener_local_address)(l, &address, &err));
    SOCKADDR(address, R4());
    err = 0xee;
    TRUE(!TCP(method_tcp_listener_local_address)(l, &address, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_ACCESS_DENIED);

    // accept: ok(connection 2), err(too-many-sockets).
    TCP(own_tcp_connection_t) connection2;
    GARBAGE(connection2);
    TRUE(TCP(method_tcp_listener_accept)(l, &connection2, &err));
    TRUE(connection2.__handle != connection1.__handle);
    err = 0xee;
    TRUE(!TCP(method_tcp_listener_accept)(l, &connection2, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_TOO_MANY_SOCKETS);

    TCP(borrow_tcp_connection_t) c1 = TCP(borrow_tcp_connection)(connection1);
    TCP(borrow_tcp_connection_t) c2 = TCP(borrow_tcp_connection)(connection2);
    EQ(TCP(method_tcp_connection_protocol)(c1), WASI_NETWORKING_SOCKET_SOCKET_PROTOCOL_TCP);
    EQ(TCP(method_tcp_connection_address_family)(c1), WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV6);
    EQ(TCP(method_tcp_connection_address_family)(c2), WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV4);

    GARBAGE(address);
    TRUE(TCP(method_tcp_connection_local_address)(c1, &address, &err));
    SOCKADDR(address, R6());
    err = 0xee;
    TRUE(!TCP(method_tcp_connection_local_address)(c2, &address, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_INVALID_ARGUMENT);
    GARBAGE(address);
    TRUE(TCP(method_tcp_connection_remote_address)(c1, &address, &err));
    SOCKADDR(address, R4());
    err = 0xee;
    TRUE(!TCP(method_tcp_connection_remote_address)(c1, &address, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_NOT_CONNECTED);

    // read: ok(pattern(0x11, 300)), ok(empty: end of stream), err(connection-reset).
    runtime_list_u8_t bytes;
    GARBAGE(bytes);
    TRUE(TCP(method_tcp_connection_read)(c1, 0xfedcba9876543210ull, &bytes, &err));
    PATTERN(bytes, 0x11, 300);
    runtime_list_u8_free(&bytes);
    GARBAGE(bytes);
    TRUE(TCP(method_tcp_connection_read)(c1, 0, &bytes, &err));
    EQ(bytes.len, 0);
    err = 0xee;
    TRUE(!TCP(method_tcp_connection_read)(c2, 1, &bytes, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_CONNECTION_RESET);

    // peek: ok(pattern(0x80, 5)), err(timeout).
    GARBAGE(bytes);
    TRUE(TCP(method_tcp_connection_peek)(c1, 0x0123456789abcdefull, &bytes, &err));
    PATTERN(bytes, 0x80, 5);
    runtime_list_u8_free(&bytes);
    err = 0xee;
    TRUE(!TCP(method_tcp_connection_peek)(c1, 0x8000000000000000ull, &bytes, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_TIMEOUT);

    // write: pattern(0x03, 1000) -> ok(0xffffffff00000001), empty -> err(broken-pipe).
    runtime_list_u8_t data = {pattern(0x03, 1000), 1000};
    uint64_t written = 0xeeeeeeeeeeeeeeeeull;
    TRUE(TCP(method_tcp_connection_write)(c1, &data, &written, &err));
    EQ(written, 0xffffffff00000001ull);
    free(data.ptr);
    runtime_list_u8_t empty = {NULL, 0};
    err = 0xee;
    TRUE(!TCP(method_tcp_connection_write)(c2, &empty, &written, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_BROKEN_PIPE);

    // flush: ok, err(unknown, the last case).
    TRUE(TCP(method_tcp_connection_flush)(c1, &err));
    err = 0xee;
    TRUE(!TCP(method_tcp_connection_flush)(c1, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_UNKNOWN);

    // shutdown: receive -> ok, send -> ok, both -> err(not-connected).
    TRUE(TCP(method_tcp_connection_shutdown)(c1, WASI_NETWORKING_SOCKET_SHUTDOWN_TYPE_RECEIVE, &err));
    TRUE(TCP(method_tcp_connection_shutdown)(c1, WASI_NETWORKING_SOCKET_SHUTDOWN_TYPE_SEND, &err));
    err = 0xee;
    TRUE(!TCP(method_tcp_connection_shutdown)(c2, WASI_NETWORKING_SOCKET_SHUTDOWN_TYPE_BOTH, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_NOT_CONNECTED);

    TCP(tcp_connection_drop_own)(connection2);
    TCP(tcp_connection_drop_own)(connection1);
    TCP(tcp_listener_drop_own)(listener);
    TCP(tcp_network_drop_own)(network);
}

// --- socket-udp ------------------------------------------------------------------------------

#define UDP(name) wasi_networking_socket_udp_##name

static void check_receive(const UDP(tuple2_list_u8_receive_result_t) *got, uint8_t seed, size_t n,
                          uint64_t bytes_received, bool truncated, sockaddr_t remote, int line) {
    check_pattern(&got->f0, seed, n, line);
    check_eq(got->f1.bytes_received, bytes_received, line, "receive-result.bytes-received");
    check_eq(got->f1.truncated, truncated, line, "receive-result.truncated");
    check_sockaddr(&got->f1.remote_address, remote, line);
}

static void udp(void) {
    error_t err;
    sockaddr_t address, sent;

    UDP(own_udp_network_t) network = UDP(default_udp_network)();  // host: rep UDP_NETWORK
    UDP(borrow_udp_network_t) net = UDP(borrow_udp_network)(network);

    // create-udp-socket: ok(socket), err(too-many-sockets).
    UDP(own_udp_socket_t) socket;
    GARBAGE(socket);
    TRUE(UDP(method_udp_network_create_udp_socket)(net, WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV4, &socket, &err));
    UDP(own_udp_socket_t) other;
    err = 0xee;
    TRUE(!UDP(method_udp_network_create_udp_socket)(net, WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV6, &other, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_TOO_MANY_SOCKETS);

    UDP(borrow_udp_socket_t) s = UDP(borrow_udp_socket)(socket);
    EQ(UDP(method_udp_socket_protocol)(s), WASI_NETWORKING_SOCKET_SOCKET_PROTOCOL_UDP);
    EQ(UDP(method_udp_socket_address_family)(s), WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV4);

    // bind: A6 -> ok, A4 -> err(address-in-use).
    sent = A6();
    TRUE(UDP(method_udp_socket_bind)(s, &sent, &err));
    sent = A4();
    err = 0xee;
    TRUE(!UDP(method_udp_socket_bind)(s, &sent, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_ADDRESS_IN_USE);

    // local-address: ok(R4), err(not-bound).
    GARBAGE(address);
    TRUE(UDP(method_udp_socket_local_address)(s, &address, &err));
    SOCKADDR(address, R4());
    err = 0xee;
    TRUE(!UDP(method_udp_socket_local_address)(s, &address, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_NOT_BOUND);

    // receive: ok((pattern(0x42, 77), {0xfedcba9876543210, true, R6})), err(connection-refused).
    UDP(tuple2_list_u8_receive_result_t) datagram;
    GARBAGE(datagram);
    TRUE(UDP(method_udp_socket_receive)(s, 0x8000000000000001ull, &datagram, &err));
    check_receive(&datagram, 0x42, 77, 0xfedcba9876543210ull, true, R6(), __LINE__);
    UDP(tuple2_list_u8_receive_result_free)(&datagram);
    err = 0xee;
    TRUE(!UDP(method_udp_socket_receive)(s, 5, &datagram, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_CONNECTION_REFUSED);

    // peek: ok((empty, {0, false, R4})), err(would-block).
    GARBAGE(datagram);
    TRUE(UDP(method_udp_socket_peek)(s, 0x55, &datagram, &err));
    check_receive(&datagram, 0, 0, 0, false, R4(), __LINE__);
    err = 0xee;
    TRUE(!UDP(method_udp_socket_peek)(s, 0xffffffffffffffffull, &datagram, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_WOULD_BLOCK);

    // send: (pattern(0xf0, 513), {A6}) -> ok(0x0102030405060708); (empty, {A4}) -> err(datagram-too-large).
    runtime_list_u8_t data = {pattern(0xf0, 513), 513};
    UDP(send_options_t) options;
    GARBAGE(options);
    options.remote_address = A6();
    uint64_t sent_bytes = 0xeeeeeeeeeeeeeeeeull;
    TRUE(UDP(method_udp_socket_send)(s, &data, &options, &sent_bytes, &err));
    EQ(sent_bytes, 0x0102030405060708ull);
    free(data.ptr);
    runtime_list_u8_t empty = {NULL, 0};
    options.remote_address = A4();
    err = 0xee;
    TRUE(!UDP(method_udp_socket_send)(s, &empty, &options, &sent_bytes, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_DATAGRAM_TOO_LARGE);

    // connect: A4 -> ok, A6 -> err(invalid-argument).
    sent = A4();
    TRUE(UDP(method_udp_socket_connect)(s, &sent, &err));
    sent = A6();
    err = 0xee;
    TRUE(!UDP(method_udp_socket_connect)(s, &sent, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_INVALID_ARGUMENT);

    // remote-address: ok(R6), err(not-connected).
    GARBAGE(address);
    TRUE(UDP(method_udp_socket_remote_address)(s, &address, &err));
    SOCKADDR(address, R6());
    err = 0xee;
    TRUE(!UDP(method_udp_socket_remote_address)(s, &address, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_NOT_CONNECTED);

    UDP(udp_socket_drop_own)(socket);
    UDP(udp_network_drop_own)(network);
}

// --- ip-resolve-address ----------------------------------------------------------------------

#define RESOLVE(name) wasi_networking_ip_resolve_address_##name

static void check_ipv4(const ipaddr_t *got, uint8_t a, uint8_t b, uint8_t c, uint8_t d, int line) {
    check_eq(got->tag, WASI_NETWORKING_SOCKET_IP_ADDRESS_IPV4, line, "ip-address tag");
    if (got->tag != WASI_NETWORKING_SOCKET_IP_ADDRESS_IPV4) return;
    check_eq(got->val.ipv4.f0, a, line, "ipv4.f0");
    check_eq(got->val.ipv4.f1, b, line, "ipv4.f1");
    check_eq(got->val.ipv4.f2, c, line, "ipv4.f2");
    check_eq(got->val.ipv4.f3, d, line, "ipv4.f3");
}

static void check_ipv6(const ipaddr_t *got, const uint16_t s[8], int line) {
    check_eq(got->tag, WASI_NETWORKING_SOCKET_IP_ADDRESS_IPV6, line, "ip-address tag");
    if (got->tag != WASI_NETWORKING_SOCKET_IP_ADDRESS_IPV6) return;
    check_eq(got->val.ipv6.f0, s[0], line, "ipv6.f0");
    check_eq(got->val.ipv6.f1, s[1], line, "ipv6.f1");
    check_eq(got->val.ipv6.f2, s[2], line, "ipv6.f2");
    check_eq(got->val.ipv6.f3, s[3], line, "ipv6.f3");
    check_eq(got->val.ipv6.f4, s[4], line, "ipv6.f4");
    check_eq(got->val.ipv6.f5, s[5], line, "ipv6.f5");
    check_eq(got->val.ipv6.f6, s[6], line, "ipv6.f6");
    check_eq(got->val.ipv6.f7, s[7], line, "ipv6.f7");
}

static const uint16_t RESOLVED6[8] = {0x2001, 0x0db8, 0x0000, 0x0042, 0x0000, 0x8a2e, 0xdead, 0xbeef};

static void resolve(void) {
    error_t err;
    RESOLVE(own_resolver_t) resolver = RESOLVE(default_resolver)();  // host: rep RESOLVER
    RESOLVE(borrow_resolver_t) r = RESOLVE(borrow_resolver)(resolver);
    RESOLVE(list_ip_address_t) addresses;
    RESOLVE(resolve_options_t) options;
    runtime_string_t name;

    // A Unicode name, no family, include-unavailable -> ok([192.0.2.33, RESOLVED6, 255.254.253.252]).
    runtime_string_dup(&name, "b\xc3\xbc" "cher.\xe4\xbe\x8b\xe3\x81\x88.\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88");  // bücher.例え.テスト
    GARBAGE(options);
    options.address_family.is_some = false;
    options.include_unavailable = true;
    GARBAGE(addresses);
    TRUE(RESOLVE(method_resolver_resolve_addresses)(r, &name, &options, &addresses, &err));
    EQ(addresses.len, 3);
    if (addresses.len == 3) {
        check_ipv4(&addresses.ptr[0], 192, 0, 2, 33, __LINE__);
        check_ipv6(&addresses.ptr[1], RESOLVED6, __LINE__);
        check_ipv4(&addresses.ptr[2], 255, 254, 253, 252, __LINE__);
    }
    RESOLVE(list_ip_address_free)(&addresses);
    runtime_string_free(&name);

    // ASCII, some(ipv6), not include-unavailable -> ok([]).
    runtime_string_set(&name, "xn--bcher-kva.example");
    options.address_family.is_some = true;
    options.address_family.val = WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV6;
    options.include_unavailable = false;
    GARBAGE(addresses);
    TRUE(RESOLVE(method_resolver_resolve_addresses)(r, &name, &options, &addresses, &err));
    EQ(addresses.len, 0);

    // The empty name, some(ipv4), include-unavailable -> err(name-unresolvable).
    runtime_string_set(&name, "");
    options.address_family.val = WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV4;
    options.include_unavailable = true;
    err = 0xee;
    TRUE(!RESOLVE(method_resolver_resolve_addresses)(r, &name, &options, &addresses, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_NAME_UNRESOLVABLE);

    // A 300-byte name -> err(temporary-resolver-failure).
    char long_name[301];
    for (int i = 0; i < 300; i++) long_name[i] = (char) ('a' + i % 26);
    long_name[300] = 0;
    runtime_string_set(&name, long_name);
    options.address_family.is_some = false;
    options.include_unavailable = false;
    err = 0xee;
    TRUE(!RESOLVE(method_resolver_resolve_addresses)(r, &name, &options, &addresses, &err));
    EQ(err, WASI_NETWORKING_SOCKET_ERROR_CODE_TEMPORARY_RESOLVER_FAILURE);

    RESOLVE(resolver_drop_own)(resolver);
}

// --- the export ------------------------------------------------------------------------------

void runtime_run(runtime_string_t *ret) {
    checks = 0;
    failure_len = 0;
    tcp();
    udp();
    resolve();
    if (failure_len) {
        failure[failure_len] = 0;
        runtime_string_dup(ret, failure);
        return;
    }
    failure_len = 0;
    put("ok ");
    put_u64(checks);
    put(" checks");
    failure[failure_len] = 0;
    runtime_string_dup(ret, failure);  // freed by cabi_post_run
}
