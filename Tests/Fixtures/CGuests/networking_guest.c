// ABI check of Generated/C/networking.h (world wasi:networking/networking@0.1.0): a guest that
// resolves a name, connects over TCP (or listens on the socket handed back), and sends and
// receives a UDP datagram, so that `wasm-tools component new` checks the core signature of
// each import it calls.
#define NETWORKING_IMPLEMENTATION
#include "networking.h"

typedef wasi_networking_socket_ip_socket_address_t address_t;
typedef wasi_networking_socket_error_code_t error_t;

static address_t loopback(uint16_t port) {
    address_t address;
    address.tag = WASI_NETWORKING_SOCKET_IP_SOCKET_ADDRESS_IPV4;
    address.val.ipv4.port = port;
    address.val.ipv4.address.f0 = 127;
    address.val.ipv4.address.f1 = 0;
    address.val.ipv4.address.f2 = 0;
    address.val.ipv4.address.f3 = 1;
    return address;
}

static uint64_t resolve(void) {
    uint64_t sum = 0;
    error_t error;
    wasi_networking_ip_resolve_address_own_resolver_t resolver = wasi_networking_ip_resolve_address_default_resolver();
    networking_string_t name;
    networking_string_set(&name, "localhost");
    wasi_networking_ip_resolve_address_resolve_options_t options;
    options.address_family.is_some = true;
    options.address_family.val = WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV4;
    options.include_unavailable = false;
    wasi_networking_ip_resolve_address_list_ip_address_t addresses;
    if (wasi_networking_ip_resolve_address_method_resolver_resolve_addresses(
            wasi_networking_ip_resolve_address_borrow_resolver(resolver), &name, &options, &addresses, &error)) {
        sum += addresses.len;
        wasi_networking_ip_resolve_address_list_ip_address_free(&addresses);
    }
    wasi_networking_ip_resolve_address_resolver_drop_own(resolver);
    return sum;
}

static uint64_t tcp(void) {
    uint64_t sum = 0;
    error_t error;
    wasi_networking_socket_tcp_own_tcp_network_t network = wasi_networking_socket_tcp_default_tcp_network();
    wasi_networking_socket_tcp_own_tcp_socket_t socket;
    if (wasi_networking_socket_tcp_method_tcp_network_create_tcp_socket(
            wasi_networking_socket_tcp_borrow_tcp_network(network), WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV4,
            &socket, &error)) {
        address_t remote = loopback(8080);
        wasi_networking_socket_tcp_own_tcp_connection_t connection;
        wasi_networking_socket_tcp_tcp_socket_error_t failure;
        if (wasi_networking_socket_tcp_static_tcp_socket_connect(socket, &remote, &connection, &failure)) {
            networking_list_u8_t data = {(uint8_t *) "ping", 4};
            uint64_t written;
            if (wasi_networking_socket_tcp_method_tcp_connection_write(
                    wasi_networking_socket_tcp_borrow_tcp_connection(connection), &data, &written, &error))
                sum += written;
            networking_list_u8_t reply;
            if (wasi_networking_socket_tcp_method_tcp_connection_read(
                    wasi_networking_socket_tcp_borrow_tcp_connection(connection), 4, &reply, &error)) {
                sum += reply.len;
                networking_list_u8_free(&reply);
            }
            wasi_networking_socket_tcp_tcp_connection_drop_own(connection);
        } else {
            // The socket comes back undecided: listen on it instead.
            sum += failure.error;
            wasi_networking_socket_tcp_own_tcp_listener_t listener;
            wasi_networking_socket_tcp_own_tcp_socket_t undecided = failure.socket;
            if (wasi_networking_socket_tcp_static_tcp_socket_listen(undecided, 16, &listener, &failure)) {
                address_t local;
                if (wasi_networking_socket_tcp_method_tcp_listener_local_address(
                        wasi_networking_socket_tcp_borrow_tcp_listener(listener), &local, &error))
                    sum += local.val.ipv4.port;
                wasi_networking_socket_tcp_tcp_listener_drop_own(listener);
            } else {
                wasi_networking_socket_tcp_tcp_socket_drop_own(failure.socket);
            }
        }
    }
    wasi_networking_socket_tcp_tcp_network_drop_own(network);
    return sum;
}

static uint64_t udp(void) {
    uint64_t sum = 0;
    error_t error;
    wasi_networking_socket_udp_own_udp_network_t network = wasi_networking_socket_udp_default_udp_network();
    wasi_networking_socket_udp_own_udp_socket_t socket;
    if (wasi_networking_socket_udp_method_udp_network_create_udp_socket(
            wasi_networking_socket_udp_borrow_udp_network(network), WASI_NETWORKING_SOCKET_IP_ADDRESS_FAMILY_IPV4,
            &socket, &error)) {
        wasi_networking_socket_udp_borrow_udp_socket_t borrowed = wasi_networking_socket_udp_borrow_udp_socket(socket);
        address_t local = loopback(0);
        if (wasi_networking_socket_udp_method_udp_socket_bind(borrowed, &local, &error)
            && wasi_networking_socket_udp_method_udp_socket_local_address(borrowed, &local, &error)) {
            networking_list_u8_t datagram = {(uint8_t *) "hello", 5};
            wasi_networking_socket_udp_send_options_t send;
            send.remote_address = local;
            uint64_t sent;
            if (wasi_networking_socket_udp_method_udp_socket_send(borrowed, &datagram, &send, &sent, &error))
                sum += sent;
            wasi_networking_socket_udp_tuple2_list_u8_receive_result_t received;
            if (wasi_networking_socket_udp_method_udp_socket_receive(borrowed, 64, &received, &error)) {
                sum += received.f0.len + received.f1.bytes_received + received.f1.remote_address.val.ipv4.port;
                wasi_networking_socket_udp_tuple2_list_u8_receive_result_free(&received);
            }
        }
        wasi_networking_socket_udp_udp_socket_drop_own(socket);
    }
    wasi_networking_socket_udp_udp_network_drop_own(network);
    return sum;
}

__attribute__((__export_name__("run")))
uint64_t run(void) {
    return resolve() + tcp() + udp();
}
