<?php
// One deterministic result per extension; php.wasm's output must equal native php8.4's.
// (Left out: what differs by design. wasm32 PHP is a 32-bit build: PHP_INT_MAX is 2**31-1 and
// crc32() can be negative; php_uname() and PHP_OS say WASI.)
date_default_timezone_set('UTC');
$out = [];
$out['bcmath'] = [bcmul('123456789.123', '987654321.987', 6), bcdiv('1', '7', 20), bcpowmod('4', '13', '497')];
$out['calendar'] = [cal_days_in_month(CAL_GREGORIAN, 2, 2024), jdtogregorian(gregoriantojd(11, 23, 2026)),
                    jddayofweek(gregoriantojd(11, 23, 2026), 1), easter_days(2026)];
$out['ctype'] = [ctype_digit('123'), ctype_alpha('ab1'), ctype_xdigit('fF09'), ctype_space(" \t\n")];
$out['date'] = [date('Y-m-d H:i:s D N', 1700000000), (new DateTime('2026-02-28'))->modify('+1 day')->format('l jS F Y'),
                (new DateTimeImmutable('2026-01-01'))->diff(new DateTimeImmutable('2026-11-23'))->days,
                (new DateTime('2026-06-01 12:00', new DateTimeZone('Europe/Paris')))->format(DATE_ATOM)];
$doc = new DOMDocument();
$doc->loadXML('<farm><runtime name="php"/><runtime name="python"/></farm>');
$xp = new DOMXPath($doc);
$out['dom'] = [$doc->getElementsByTagName('runtime')->length, $xp->evaluate('string(//runtime[2]/@name)'),
               $doc->documentElement->appendChild($doc->createElement('ruby'))->nodeName];
$out['exif'] = [exif_tagname(0x010F), exif_tagname(0x9003)];
$out['fileinfo'] = [(new finfo(FILEINFO_MIME_TYPE))->buffer("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
                    (new finfo(FILEINFO_MIME_TYPE))->buffer("<?php echo 1;\n")];
$out['filter'] = [filter_var('a@b.co', FILTER_VALIDATE_EMAIL), filter_var('0x1A', FILTER_VALIDATE_INT, FILTER_FLAG_ALLOW_HEX),
                  filter_var('300', FILTER_VALIDATE_INT, ['options' => ['max_range' => 255]]), filter_var('yes', FILTER_VALIDATE_BOOLEAN)];
$out['hash'] = [hash('sha256', 'wasm'), hash('crc32b', 'wasm'), hash_hmac('sha1', 'a', 'b'), hash('xxh3', 'wasm'),
                hash('murmur3f', 'wasm')];
$out['json'] = [json_encode(['a' => [1, 2.5, "é", null]], JSON_UNESCAPED_UNICODE), json_decode('{"x":{"y":[1,2]}}', true)['x']['y'][1],
                json_validate('{"ok":'), 0.1 + 0.2];
$out['libxml'] = [LIBXML_NOENT, libxml_use_internal_errors(true), simplexml_load_string('<a><b>') === false,
                  count(libxml_get_errors()) > 0];
$out['mbstring'] = [mb_strlen('wäsm'), mb_strtoupper('straße'), mb_substr('日本語テキスト', 2, 3),
                    bin2hex(mb_convert_encoding('é', 'ISO-8859-1', 'UTF-8')), mb_str_pad('ä', 3, '*', STR_PAD_BOTH),
                    mb_detect_encoding("\xE9t\xE9", ['UTF-8', 'ISO-8859-1'], true)];
$out['pcre'] = [preg_replace('/(\w+) (\w+)/', '$2 $1', 'hello world'), preg_match_all('/\d+/', 'a1b22c333'),
                preg_split('/[\s,]+/u', "a, b  c,d"), preg_match('/\p{Han}+/u', 'x日本y', $m) ? $m[0] : null];
$db = new PDO('sqlite::memory:');
$db->exec('create table t (k text, v int)');
$st = $db->prepare('insert into t values (?, ?)');
foreach (['a' => 1, 'b' => 2, 'c' => 3] as $k => $v) { $st->execute([$k, $v]); }
$out['pdo_sqlite'] = $db->query('select group_concat(k), sum(v) from t')->fetch(PDO::FETCH_NUM);
$out['phar'] = [Phar::apiVersion(), Phar::canCompress(Phar::GZ), in_array('phar', stream_get_wrappers())];
$r = new Random\Randomizer(new Random\Engine\Mt19937(42));
mt_srand(7);
$out['random'] = [$r->getInt(1, 1000), $r->shuffleArray([1, 2, 3, 4, 5]), mt_rand(), bin2hex((new Random\Engine\Xoshiro256StarStar(1))->generate())];
$out['reflection'] = [(new ReflectionFunction('array_map'))->getNumberOfParameters(),
                      (new ReflectionClass('ArrayObject'))->implementsInterface('Countable')];
$out['session'] = [session_status(), session_module_name(), session_id('wasmkiln') === '' ? 'empty' : 'set', session_id()];
$out['simplexml'] = [(string) simplexml_load_string('<a><b n="1">x</b><b n="2">y</b></a>')->b[1], 
                     simplexml_load_string('<a><b n="1">x</b></a>')->b['n'] . ''];
$fixed = SplFixedArray::fromArray([3, 1, 2]);
$heap = new SplMinHeap();
foreach ([5, 1, 3] as $x) { $heap->insert($x); }
$out['spl'] = [$fixed->getSize(), $heap->extract(), iterator_to_array(new LimitIterator(new ArrayIterator([1, 2, 3, 4]), 1, 2), false),
               class_implements('ArrayIterator')];
$sq = new SQLite3(':memory:');
$out['sqlite3'] = [$sq->querySingle('select 6 * 7'), $sq->querySingle("select json_extract('{\"a\":[1,2]}', '$.a[1]')")];
$out['standard'] = [sprintf('%05.2f|%x|%b|%e', 3.14159, 255, 5, 12345.678), str_pad('x', 5, '-', STR_PAD_BOTH), array_sum([1, 2, 3.5]),
                    serialize(['a' => true, 1 => null]), base64_encode('wasm'), md5('wasm'), number_format(1234567.891, 2),
                    ucwords('hello wasm world'), levenshtein('kitten', 'sitting'), similar_text('World', 'Word'), soundex('Robert'),
                    metaphone('Thompson'), str_word_count('The quick brown fox'), array_unique([3, '3', 1, 2, 1]), range('a', 'e', 2),
                    intdiv(17, 5), 17 % 5, fmod(17.5, 5), round(2.5), round(-2.5), 7 <=> 3,
                    strrev('wasm'), ucfirst(strtolower('WASM')), wordwrap('The quick brown fox', 10, "\n", true),
                    array_map(null, [1, 2], ['a', 'b']), http_build_query(['a' => [1, 2], 'b' => 'x y']),
                    parse_url('https://u:p@host:8080/p/a?q=1#f'), version_compare('8.4.1', '8.4.10')];
$out['tokenizer'] = [count(token_get_all('<?php echo 1 + 2;')), token_name(T_ECHO), PhpToken::tokenize('<?php $x;')[1]->text];
$p = xml_parser_create();
xml_parse_into_struct($p, '<a x="1"><b>t</b></a>', $vals);
$out['xml'] = [count($vals), $vals[1]['tag'], $vals[0]['attributes']['X']];
$reader = XMLReader::XML('<a><b/><c>t</c></a>');
$names = [];
while ($reader->read()) { $names[] = $reader->name; }
$out['xmlreader'] = $names;
$w = new XMLWriter();
$w->openMemory();
$w->startElement('farm');
$w->writeAttribute('n', '2');
$w->writeElement('runtime', 'php');
$w->endElement();
$out['xmlwriter'] = $w->outputMemory();
$z = str_repeat('wasmkiln ', 100);
$out['zlib'] = [strlen(gzdecode(gzencode($z))), gzinflate(gzdeflate('round trip')), hash('adler32', $z),
                zlib_decode(zlib_encode('x', ZLIB_ENCODING_DEFLATE))];
$key = str_repeat("k", 16);
$iv = str_repeat("i", 16);
$out['openssl'] = [openssl_digest('wasm', 'sha512'), openssl_encrypt('wasmkiln', 'aes-128-cbc', $key, 0, $iv),
                   openssl_decrypt(openssl_encrypt('round trip', 'chacha20-poly1305', str_repeat('c', 32), 0, str_repeat('n', 12), $tag), 'chacha20-poly1305', str_repeat('c', 32), 0, str_repeat('n', 12), $tag),
                   openssl_cipher_iv_length('aes-256-gcm'), bin2hex(openssl_pbkdf2('pw', 'salt', 16, 1000, 'sha256')),
                   in_array('sha3-256', openssl_get_md_methods())];
$seed = str_repeat("\x07", SODIUM_CRYPTO_SIGN_SEEDBYTES);
$out['sodium'] = [sodium_bin2hex(sodium_crypto_generichash('wasm')),
                  sodium_bin2hex(sodium_crypto_sign_publickey(sodium_crypto_sign_seed_keypair($seed))),
                  sodium_bin2hex(sodium_crypto_secretbox('box', str_repeat('n', 24), str_repeat('k', 32))),
                  sodium_bin2hex(sodium_crypto_scalarmult_base(str_repeat("\x09", 32)))];
$out['iconv'] = [bin2hex(iconv('UTF-8', 'ISO-8859-1', 'wäsm')), iconv_strlen('wäsm', 'UTF-8'), iconv_substr('日本語テキスト', 2, 3, 'UTF-8'),
                 iconv('UTF-16LE', 'UTF-8', "w\0\xe4\0")];
$out['mbregex'] = [mb_ereg_replace('(\w+)ß', '[\\1]', 'straße maß'), mb_split('\s*,\s*', 'ä , ö,ü'),
                   mb_ereg('(\d+)-(\d+)', 'tel 030-1234', $regs) ? $regs[2] : null, mb_eregi('WÄSM', 'wäsm')];
$im = imagecreatetruecolor(4, 4);
imagefilledrectangle($im, 0, 0, 3, 3, imagecolorallocate($im, 10, 200, 30));
imagesetpixel($im, 1, 2, imagecolorallocate($im, 255, 255, 0));
ob_start();
imagepng($im);
$png = imagecreatefromstring(ob_get_clean());
$out['gd'] = [imagesx($png), dechex(imagecolorat($png, 1, 2)), dechex(imagecolorat($png, 0, 0)), imageistruecolor($png),
              gd_info()['PNG Support'], gd_info()['JPEG Support']];
echo json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
