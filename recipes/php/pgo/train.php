<?php
/*
 * A training run of php.wasm's profile-guided build (the php recipe's [pgo] tables).
 *
 *   train.php vm              PHP's own VM generator (Zend/zend_vm_gen.php): a real program
 *                             that reads 400 KB of C templates and writes 4 MB of C
 *   train.php tests DIR...    the --FILE-- sections of the source tree's .phpt tests in DIR
 *
 * The source tree is mounted read-only at SRC. Tests run in this one process, one after the
 * other, each inside a function with its output discarded: those that would end the process
 * (exit, a fatal error they expect, a declaration an earlier test made), need what one process
 * cannot give them (INI settings, stdin, a request, a skip check) or take time for nothing
 * (sleeps) are left out. What the tests print, pass or fail does not matter: the profile
 * counts what ran. Each test's name goes to stderr first, so a run that dies names the test.
 */

define('SRC', getenv('WASMKILN_PHP_SRC') ?: '/srv/php-src');

function sections(string $path): ?array
{
    $found = [];
    $name = null;
    foreach (preg_split('/(?<=\n)/', file_get_contents($path)) as $line) {
        if (preg_match('/^--([A-Z_]+)--\s*$/', $line, $m)) {
            $name = $m[1];
            $found[$name] = '';
        } elseif ($name !== null) {
            $found[$name] .= $line;
        }
    }
    return isset($found['FILE']) ? $found : null;
}

function declared(string $code): array
{
    $names = [];
    $tokens = token_get_all($code);
    foreach ($tokens as $i => $token) {
        if (!is_array($token) || !in_array($token[0], [T_FUNCTION, T_CLASS, T_INTERFACE,
                T_TRAIT, T_ENUM, T_CONST], true)) {
            continue;
        }
        // the name follows blanks, comments and a by-reference `&`
        for ($j = $i + 1; isset($tokens[$j]) && ($tokens[$j] === '&' || (is_array($tokens[$j])
             && in_array($tokens[$j][0], [T_WHITESPACE, T_COMMENT, T_DOC_COMMENT,
                 T_AMPERSAND_NOT_FOLLOWED_BY_VAR_OR_VARARG,
                 T_AMPERSAND_FOLLOWED_BY_VAR_OR_VARARG], true))); $j++);
        if (isset($tokens[$j]) && is_array($tokens[$j]) && $tokens[$j][0] === T_STRING) {
            $names[] = strtolower($tokens[$j][1]);
        }
    }
    return $names;
}

function runnable(array $test): bool
{
    foreach (['SKIPIF', 'INI', 'ENV', 'ARGS', 'STDIN', 'POST', 'POST_RAW', 'GET', 'COOKIE',
              'CGI', 'CAPTURE_STDIO', 'REDIRECTTEST', 'FILE_EXTERNAL', 'CONFLICTS', 'XFAIL',
              'PHPDBG', 'FLAKY', 'CLEAN'] as $needs) {
        if (isset($test[$needs])) {
            return false;
        }
    }
    $expected = ($test['EXPECT'] ?? '') . ($test['EXPECTF'] ?? '') . ($test['EXPECTREGEX'] ?? '');
    if (preg_match('/Fatal error|Parse error|Allowed memory|nesting level|Termsig/i', $expected)) {
        return false;
    }
    // memory-hungry and engine-corner tests end the process when they go wrong
    if (preg_match('/memory|gc_\w+|\*\*|PHP_INT_MAX|str_repeat|array_fill|range\(|__debugInfo|'
                   . '__destruct|WeakMap|WeakReference|Fiber|debug_zval_dump/i', $test['FILE'])) {
        return false;
    }
    return !preg_match('/\b(exit|die|sleep|usleep|time_nanosleep|set_time_limit|'
        . 'register_shutdown_function|declare|__halt_compiler|eval|spl_autoload_register|class_alias|'
        . 'include|require|include_once|require_once|ob_\w+|assert_options|pcntl_\w+|proc_open|exec|'
        . 'shell_exec|passthru|system|popen|fsockopen|stream_socket_\w+)\b/i', $test['FILE']);
}

function run_one(string $file): void
{
    include $file;
}

function run_tests(array $dirs): void
{
    $taken = [];
    $ran = $left = 0;
    $scratch = sys_get_temp_dir() . '/phpt';
    @mkdir($scratch);
    foreach ($dirs as $dir) {
        $paths = glob(SRC . "/$dir/*.phpt");
        sort($paths);
        foreach ($paths as $path) {
            $test = sections($path);
            if ($test === null || !runnable($test)) {
                $left++;
                continue;
            }
            $names = declared($test['FILE']);
            if (array_intersect($names, $taken)) {
                $left++;
                continue;
            }
            $taken = array_merge($taken, $names);
            $file = $scratch . '/' . basename($path, '.phpt') . '.php';
            file_put_contents($file, $test['FILE']);
            fwrite(STDERR, "$dir/" . basename($path) . "\n");
            $level = ob_get_level();
            ob_start();
            try {
                run_one($file);
            } catch (Throwable $e) {
                // the test's own business
            }
            while (ob_get_level() > $level) {
                ob_end_clean();
            }
            set_error_handler(null);
            set_exception_handler(null);
            error_reporting(E_ALL);
            @unlink($file);
            $ran++;
        }
    }
    echo "tests: $ran run, $left left out\n";
}

function copy_vm_generator(): string
{
    $dir = sys_get_temp_dir() . '/vm';
    @mkdir($dir);
    foreach (['zend_vm_gen.php', 'zend_vm_def.h', 'zend_vm_execute.skl'] as $name) {
        copy(SRC . "/Zend/$name", "$dir/$name");
    }
    return $dir;
}

$what = $argv[1] ?? '';
if ($what === 'vm') {
    // the generator is a script: it runs at global scope and reads $argc/$argv there
    $vm = copy_vm_generator();
    $argv = ["$vm/zend_vm_gen.php"];
    $argc = 1;
    ob_start();
    include "$vm/zend_vm_gen.php";
    ob_end_clean();
    echo 'vm: zend_vm_execute.h ', filesize("$vm/zend_vm_execute.h"), " bytes\n";
} elseif ($what === 'tests') {
    run_tests(array_slice($argv, 2));
} else {
    fwrite(STDERR, "usage: train.php vm | tests DIR...\n");
    exit(2);
}
