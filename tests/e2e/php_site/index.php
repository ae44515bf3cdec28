<?php
// A guestbook: sessions remember who signed, SQLite (under /tmp, the server's scratch) keeps
// the entries. POST adds an entry and redirects (post/redirect/get); GET lists them.
session_start();
$db = new PDO('sqlite:' . sys_get_temp_dir() . '/guestbook.sqlite');
$db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
$db->exec('create table if not exists entries (id integer primary key, name text, message text)');

if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    $name = trim($_POST['name'] ?? '');
    $message = trim($_POST['message'] ?? '');
    if ($name === '' || $message === '') {
        http_response_code(422);
        echo "name and message are required\n";
        exit;
    }
    $insert = $db->prepare('insert into entries (name, message) values (?, ?)');
    $insert->execute([$name, $message]);
    $_SESSION['signed_as'] = $name;
    $_SESSION['count'] = ($_SESSION['count'] ?? 0) + 1;
    header('Location: /?signed=' . $db->lastInsertId());
    exit;
}

header('Content-Type: text/html; charset=utf-8');
echo "<h1>Guestbook</h1>\n";
if (isset($_SESSION['signed_as'])) {
    printf("<p>Welcome back, %s (%d entries)</p>\n", htmlspecialchars($_SESSION['signed_as']),
           $_SESSION['count']);
}
foreach ($db->query('select name, message from entries order by id') as $row) {
    printf("<li>%s: %s</li>\n", htmlspecialchars($row['name']), htmlspecialchars($row['message']));
}
printf("<p>php %s on %s</p>\n", PHP_VERSION, PHP_OS);
