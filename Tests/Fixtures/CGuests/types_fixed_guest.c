// Runtime ABI check of the C back end on fixed-size lists (Scripts/check-c-types-runtime).
//
// Built against the header witgen generates for world test:types/fixed (Tests/Fixtures/CTypes/
// types.wit). wasmtime-py cannot run fixed-size lists yet, so Tests/Fixtures/CTypes/host.py
// (--fixed) runs this guest's core module and implements the canonical ABI of `fixed-lists`
// itself: a list<T, N> flattens to N times T's flat values, and lies in memory as N Ts.
//  - `run` calls the imports with distinctive values (the host checks the flat arguments) and
//    checks what the host writes into the return areas;
//  - the exports check the flat arguments the host passes and return values the host reads
//    from the return area.
#include <stdint.h>
#include <string.h>

#define FIXED_IMPLEMENTATION
#include "fixed.h"

#define IMP(name) test_types_fixed_lists_##name
#define EXP(name) exports_test_types_fixed_lists_##name

static uint32_t checks;
static char failure[160];
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
    while (n) {
        char one[2] = {digits[--n], 0};
        put(one);
    }
}

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

static uint32_t f32_bits(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof(bits));
    return bits;
}

#define GARBAGE(x) memset(&(x), 0xa5, sizeof(x))

static void check_grid(const int16_t *got, const int16_t *want, int line) {
    for (int i = 0; i < 6; i++) check_eq((uint16_t) got[i], (uint16_t) want[i], line, "grid cell");
}

void fixed_run(fixed_string_t *ret) {
    // triple([1, 0x80, 0xff]) -> [9, 8, 7]
    IMP(list_3_u8_t) x = {{1, 0x80, 0xff}}, got;
    GARBAGE(got);
    IMP(triple)(&x, &got);
    EQ(got.val[0], 9);
    EQ(got.val[1], 8);
    EQ(got.val[2], 7);

    // grid([[-1, 2], [32767, -32768], [0, 5]], [1.5, -0.0]) -> [[3, -3], [4, -4], [5, -5]]
    IMP(list_3_list_2_s16_t) rows = {{{{-1, 2}}, {{32767, -32768}}, {{0, 5}}}}, back;
    IMP(list_2_f32_t) tag = {{1.5f, -0.0f}};
    GARBAGE(back);
    IMP(grid)(&rows, &tag, &back);
    static const int16_t want[6] = {3, -3, 4, -4, 5, -5};
    int16_t cells[6];
    for (int i = 0; i < 3; i++) {
        cells[2 * i] = back.val[i].val[0];
        cells[2 * i + 1] = back.val[i].val[1];
    }
    check_grid(cells, want, __LINE__);

    if (!failure_len) {
        put("ok ");
        put_u64(checks);
        put(" checks");
    }
    failure[failure_len] = 0;
    fixed_string_dup(ret, failure);
}

// Exports: what the host passes is checked here; a mismatch makes the result [0, 0, 0] / zeros.
void EXP(triple)(EXP(list_3_u8_t) *x, EXP(list_3_u8_t) *ret) {
    // [0xaa, 0, 1] -> [2, 3, 4]
    int right = x->val[0] == 0xaa && x->val[1] == 0 && x->val[2] == 1;
    ret->val[0] = right ? 2 : 0;
    ret->val[1] = right ? 3 : 0;
    ret->val[2] = right ? 4 : 0;
}

void EXP(grid)(EXP(list_3_list_2_s16_t) *rows, EXP(list_2_f32_t) *tag, EXP(list_3_list_2_s16_t) *ret) {
    // [[7, -7], [-32768, 32767], [1, 0]], [-2.25, inf] -> [[-1, -2], [-3, -4], [-5, -6]]
    int right = rows->val[0].val[0] == 7 && rows->val[0].val[1] == -7 && rows->val[1].val[0] == -32768
        && rows->val[1].val[1] == 32767 && rows->val[2].val[0] == 1 && rows->val[2].val[1] == 0
        && f32_bits(tag->val[0]) == 0xc0100000u && f32_bits(tag->val[1]) == 0x7f800000u;
    for (int i = 0; i < 3; i++) {
        ret->val[i].val[0] = (int16_t) (right ? -(2 * i + 1) : 0);
        ret->val[i].val[1] = (int16_t) (right ? -(2 * i + 2) : 0);
    }
}
