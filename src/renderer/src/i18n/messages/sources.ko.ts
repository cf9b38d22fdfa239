// Korean: the data sources panel (Prometheus, Zabbix), its add form and test button, what each failure
// of a source means with the next step, and the line on a fed host's tile that names its source.
export const sourcesKo = {
  'source.panel.title': '데이터 소스',
  'source.panel.intro': 'Prometheus나 Zabbix가 이미 지켜보는 호스트를 OpsDeck이 직접 접속하지 않고 읽어 옵니다. 호스트마다 타일이 생기고 차트는 그 소스에 직접 묻습니다. 소스가 올린 문제는 OpsDeck 경보 옆에 표시되며, 확인 처리는 그 소스에서 합니다.',
  'source.panel.add': '데이터 소스 추가',
  'source.panel.loading': '데이터 소스 목록을 불러오는 중…',
  'source.panel.empty': '아직 등록한 데이터 소스가 없습니다. "데이터 소스 추가"로 Prometheus나 Zabbix를 연결하세요.',
  'source.panel.noSecret': '토큰 필요',
  'source.form.titleNew': '데이터 소스 추가',
  'source.form.testing': '{source}에 묻는 중…',
  'source.form.testOk': '{ms} ms에 응답: 수집 대상 {targets}개 중 {up}개 정상, 호스트 {hosts}대.',
  'source.error.refused': '{address}에서 연결을 거부했습니다. 주소와 포트가 맞는지, {source}가 실행 중인지 확인하세요.',
  'source.error.unreachable': '{address}에 연결할 수 없습니다({reason}). 주소와 네트워크를 확인하세요.',
  'source.error.auth': '{source}가 인증 정보를 거부했습니다(HTTP {status}). 토큰 또는 사용자와 비밀번호를 확인하세요.',
  'source.error.notPrometheus': '주소는 응답하지만(HTTP {status}) Prometheus API가 아닙니다. 주소, 포트(보통 9090), 경로 접두사를 확인하세요.',
  'source.error.statusError': 'Prometheus가 HTTP로는 응답했지만 `status: "error"`로 실패를 알렸습니다({errorType}). 경로 접두사와 Prometheus 서버 로그를 확인하세요.',
  'source.error.tls': 'TLS 연결에 실패했습니다({reason}). 사내 CA라면 CA 인증서(PEM)를 넣으세요. 인증서 검증은 끄지 않습니다.',
  'source.error.timeout': '{source}가 {seconds}초 안에 응답하지 않았습니다. 서버 부하와 네트워크를 확인하세요.',
  'source.error.tooLarge': '{source}의 응답이 너무 큽니다(한도 {limit}바이트).',
  'source.error.secretMissing': '토큰 또는 비밀번호가 필요합니다. 입력한 뒤 다시 시험하세요.',
  'host.source': '{kind} 소스 “{name}”에서 읽어 온 호스트입니다. OpsDeck은 이 서버에 직접 접속하지 않고, 수치와 차트를 {kind}에서 가져옵니다.',
  'tile.source': '출처: {kind} · {name}',
};
