// Sample organisation terms for the glossary service tests: an internal service name and a
// team name, the kind of local jargon the issue asks for.
import type { GlossaryEntry } from '../../../src/shared/glossary';

export function orgEntry(id = 'pay-gateway', over: Partial<GlossaryEntry> = {}): GlossaryEntry {
  return {
    id,
    category: 'opsdeck',
    term: { ko: '결제 게이트웨이', en: 'Payment gateway' },
    acronym: 'PGW',
    aliases: { ko: ['결제망'], en: ['PG'] },
    definition: { ko: '카드 결제를 카드사로 전달하는 우리 회사의 내부 서비스입니다.', en: 'Our internal service that passes card payments on to the card companies.' },
    whyItMatters: { ko: '멈추면 모든 주문이 결제 단계에서 실패합니다.', en: 'When it stops, every order fails at checkout.' },
    goodLooksLike: {
      ko: '결제 승인 응답이 빠르고 오류가 거의 없습니다.',
      en: 'Payment approvals come back fast, with almost no errors.',
      bands: [
        { level: 'normal', range: '< 1 %', ko: '오류율 정상', en: 'Error rate normal' },
        { level: 'critical', range: '≥ 5 %', ko: '즉시 대응', en: 'Act now' },
      ],
    },
    related: ['latency', 'error-rate'],
    appearsIn: ['glossary'],
    source: { title: 'Payments team wiki', url: 'https://wiki.example.com/payments/gateway' },
    ...over,
  };
}
