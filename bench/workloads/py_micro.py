"""Small interpreter-bound kernels in the spirit of pyperformance (written for wasmkiln): method
calls on objects, recursion, generators, permutations of lists, float loops, string building.

Pure standard library and no files, so the same text runs on native CPython and python.wasm.
Prints `kernel NAME SECONDS` per kernel and last `work_s <seconds>`: the work alone.
"""

import time


class Account:
    """Attribute access and bound-method calls, the shape of richards/deltablue."""

    def __init__(self, owner: int) -> None:
        self.owner = owner
        self.balance = 0
        self.moves = 0

    def deposit(self, amount: int) -> None:
        self.balance += amount
        self.moves += 1

    def pay(self, other: "Account", amount: int) -> bool:
        if self.balance < amount:
            return False
        self.balance -= amount
        other.deposit(amount)
        return True


def objects(rounds: int) -> int:
    accounts = [Account(i) for i in range(64)]
    for account in accounts:
        account.deposit(100)
    paid = 0
    for r in range(rounds):
        a = accounts[r % 64]
        b = accounts[(r * 7 + 3) % 64]
        paid += a.pay(b, r % 13)
    return paid + sum(a.moves for a in accounts)


def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def generators(n: int) -> int:
    def evens(limit: int):
        for i in range(limit):
            if i % 2 == 0:
                yield i

    def squares(values):
        for v in values:
            yield v * v

    return sum(squares(evens(n))) + sum(x for x in range(n) if x % 3 == 0)


def fannkuch(n: int) -> int:
    """Maximum flips over the first permutations of range(n)."""
    perm = [n - 1, *range(n - 1)]  # start where no permutation is flip-free
    most = 0
    count = 0
    while count < 30000:
        flips = 0
        p = perm[:]
        while p[0]:
            k = p[0]
            p[:k + 1] = p[k::-1]
            flips += 1
        most = max(most, flips)
        # next permutation (lexicographic)
        i = n - 2
        while i >= 0 and perm[i] >= perm[i + 1]:
            i -= 1
        if i < 0:
            break
        j = n - 1
        while perm[j] <= perm[i]:
            j -= 1
        perm[i], perm[j] = perm[j], perm[i]
        perm[i + 1:] = reversed(perm[i + 1:])
        count += 1
    return most


def spectral(n: int) -> float:
    """A few power iterations of the spectral-norm matrix, float arithmetic in loops."""
    def entry(i: int, j: int) -> float:
        return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1)

    u = [1.0] * n
    for _ in range(3):
        v = [sum(entry(i, j) * u[j] for j in range(n)) for i in range(n)]
        u = [sum(entry(j, i) * v[j] for j in range(n)) for i in range(n)]
    return round(sum(u), 6)


def strings(n: int) -> int:
    parts = []
    for i in range(n):
        word = f"{i:06d}-{i % 97:x}"
        parts.append(word.upper().replace("-", "_").center(16, "."))
    text = "|".join(parts)
    return len(text) + text.count("_A") + len(text.split("|"))


KERNELS = (("objects", objects, 300000), ("fib", fib, 27), ("generators", generators, 400000),
           ("fannkuch", fannkuch, 9), ("spectral", spectral, 200), ("strings", strings, 100000))

start = time.perf_counter()
checks = []
for name, kernel, size in KERNELS:
    t0 = time.perf_counter()
    checks.append(kernel(size))
    print(f"kernel {name} {time.perf_counter() - t0:.4f}")
print("checks", *checks)
print(f"work_s {time.perf_counter() - start:.4f}")
