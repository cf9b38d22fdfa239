// What a page opened without its token shows before (and without) any script: where the link
// is. Static, in both languages, with no data of the engine. The renderer's token screen
// (features/token) shows the same words once its script runs.

export const TOKENLESS_NOTICE_HTML = [
  '<main class="token-screen" data-testid="token-screen" data-reason="missing">',
  '<section class="token-card" lang="ko">',
  '<h1>OpsDeck 접속 링크가 필요합니다</h1>',
  '<p>이 주소에는 접속 토큰이 없어 콘솔을 열 수 없습니다. <code>opsdeck serve</code>를 실행한 터미널에 표시된 링크(<code>?token=</code>가 붙은 주소)를 여세요.</p>',
  '<p>터미널을 찾을 수 없으면, 그 컴퓨터에서 <code>npx opsdeck token show</code>를 실행하면 링크의 토큰이 다시 표시됩니다. 벽 화면(읽기 전용) 링크도 함께 표시됩니다.</p>',
  '</section>',
  '<section class="token-card" lang="en">',
  '<h1>OpsDeck needs its access link</h1>',
  '<p>This address has no access token, so the console cannot open. Open the link printed in the terminal where <code>opsdeck serve</code> runs (the address with <code>?token=</code>).</p>',
  '<p>Cannot find that terminal? On that computer, <code>npx opsdeck token show</code> prints the tokens again, with the read-only wall link.</p>',
  '</section>',
  '</main>',
].join('');
